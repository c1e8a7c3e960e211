-- Full-text index of products (rowid = products.doc_id), kept in sync by the catalog's writes in the
-- same transaction (src/db/search-index.ts). bm25 ranks; the prefix indexes make "shir*" cheap.
CREATE VIRTUAL TABLE `products_fts` USING fts5(
	`title`, `description`, `brand`, `skus`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
-- Trigram index of the vocabulary (each word padded as "^^word$$", so the first and the last
-- letter each give a trigram of their own): the candidates for correcting a misspelt query word.
CREATE VIRTUAL TABLE `search_words_fts` USING fts5(`word`, tokenize = 'trigram');
