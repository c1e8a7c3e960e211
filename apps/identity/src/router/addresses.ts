import { createAddress, deleteAddress, listAddresses, setDefaultAddress, updateAddress } from "../app/addresses.ts";
import {
  address,
  addressIdInput,
  addressInput,
  deletedAddress,
  setDefaultAddressInput,
  updateAddressInput,
} from "../contract.ts";
import { authedProcedure, router } from "../trpc.ts";

export const addressesRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me/addresses",
        tags: ["account"],
        summary: "My saved addresses",
        protect: true,
      },
    })
    .output(address.array())
    .query(({ ctx }) => listAddresses(ctx.deps, ctx.user.id)),

  create: authedProcedure
    .input(addressInput)
    .output(address)
    .mutation(({ ctx, input }) => createAddress(ctx.deps, ctx.user.id, input)),

  update: authedProcedure
    .input(updateAddressInput)
    .output(address)
    .mutation(({ ctx, input }) => updateAddress(ctx.deps, ctx.user.id, input)),

  delete: authedProcedure
    .input(addressIdInput)
    .output(deletedAddress)
    .mutation(({ ctx, input }) => deleteAddress(ctx.deps, ctx.user.id, input.id)),

  setDefault: authedProcedure
    .input(setDefaultAddressInput)
    .output(address)
    .mutation(({ ctx, input }) => setDefaultAddress(ctx.deps, ctx.user.id, input)),
});
