import {
  deleteProductImage,
  editProductImage,
  listProductImages,
  reorderProductImages,
} from "../app/product-images.ts";
import { editImageInput, imageIdInput, productImagesInput, reorderImagesInput } from "../contract-images.ts";
import { router } from "../trpc.ts";
import { admin } from "./staff.ts";

/** A product's uploaded images (#27); the upload itself is multipart, `POST /media/products/{id}/images`. */
export const imagesRouter = router({
  list: admin("catalog.write")
    .input(productImagesInput)
    .query(({ ctx, input }) => listProductImages(ctx.deps.db.orm, input.productId)),
  reorder: admin("catalog.write")
    .input(reorderImagesInput)
    .mutation(({ ctx, input }) => reorderProductImages(ctx.deps, input, { correlationId: ctx.requestId })),
  edit: admin("catalog.write")
    .input(editImageInput)
    .mutation(({ ctx, input }) => editProductImage(ctx.deps, input, { correlationId: ctx.requestId })),
  delete: admin("catalog.write")
    .input(imageIdInput)
    .mutation(async ({ ctx, input }) => {
      await deleteProductImage(ctx.deps, input.id, { correlationId: ctx.requestId });
      return { deleted: input.id };
    }),
});
