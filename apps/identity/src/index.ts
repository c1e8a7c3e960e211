export type {
  Address,
  AddressInput,
  BanInput,
  ListUsersInput,
  PublicUser,
  SetRoleInput,
  UpdateProfileInput,
} from "./contract.ts";
export type { IdentityRouter } from "./router/index.ts";
