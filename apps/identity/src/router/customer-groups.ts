import { addGroupMember, listCustomerGroups, removeGroupMember, saveCustomerGroup } from "../app/customer-groups.ts";
import {
  addGroupMemberInput,
  customerGroupSchema,
  removeGroupMemberInput,
  saveCustomerGroupInput,
} from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

/**
 * Customer groups (#27). Who is in a group decides what they pay, like a discount code: the
 * same permission as price lists and codes, discounts.write.
 */
export const customerGroupsRouter = router({
  list: staffProcedure("discounts.write")
    .output(customerGroupSchema.array())
    .query(({ ctx }) => listCustomerGroups(ctx.deps)),
  save: staffProcedure("discounts.write")
    .input(saveCustomerGroupInput)
    .output(customerGroupSchema)
    .mutation(({ ctx, input }) => saveCustomerGroup(ctx.deps, input)),
  addMember: staffProcedure("discounts.write")
    .input(addGroupMemberInput)
    .output(customerGroupSchema)
    .mutation(({ ctx, input }) => addGroupMember(ctx.deps, input)),
  removeMember: staffProcedure("discounts.write")
    .input(removeGroupMemberInput)
    .output(customerGroupSchema)
    .mutation(({ ctx, input }) => removeGroupMember(ctx.deps, input)),
});
