/** Metadata fields that an editor may have to supply when the article text does not state them. */
export type InferableField = 'title' | 'source' | 'published';

/** One article of the corpus, as cited to readers. */
export interface ArticleMeta {
  /** Stable slug taken from the file name (`corpus/<id>.md`); part of every paragraph id. */
  id: string;
  title: string;
  /** Publisher of the original article, e.g. `RFE/RL`. */
  source: string | null;
  /** ISO 8601 date, possibly partial (`2022-10` or `2022-10-12`). */
  published: string | null;
  /** Only ever a URL that the source material states; never constructed. */
  url: string | null;
  /** Who holds the text's rights and on what terms it is quoted (`rights:`); null when not stated. */
  rights: string | null;
  /** SPDX license id (`license:`), only when the text is openly licensed; null otherwise. */
  license: string | null;
  /** Which of the fields above were supplied editorially rather than stated by the text. */
  inferred: InferableField[];
  /** Path of the source file relative to the corpus directory. */
  file: string;
}

/** One body paragraph. Headings are not paragraphs: they become the `section` of what follows them. */
export interface Paragraph {
  /** `<articleId>#<number>`: stable as long as the paragraphs before it do not change. */
  id: string;
  articleId: string;
  /** 1-based position among the article's body paragraphs. */
  number: number;
  section: string | null;
  /** Verbatim text (NFC, whitespace collapsed), safe to quote. */
  text: string;
}

export interface Article extends ArticleMeta {
  /** Section headings in document order. */
  sections: string[];
  paragraphs: Paragraph[];
}
