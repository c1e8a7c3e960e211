export type { Address, AddressInput } from "./router/addresses.ts";
export type { BanInput, ListUsersInput, SetRoleInput } from "./router/admin-users.ts";
export type { IdentityRouter } from "./router/index.ts";
export type { UpdateProfileInput } from "./router/me.ts";
