import { Forbidden } from "@/components/admin/forbidden.tsx";

/** Rendered with HTTP 403 wherever a server component calls forbidden(). */
export default function ForbiddenPage() {
  return <Forbidden />;
}
