import { openEngine, DEFAULT_CORPUS_DIRS } from './src/eval/run.ts';
import { queryTerms } from './src/search/query.ts';
const engine = await openEngine(DEFAULT_CORPUS_DIRS);
console.log(engine.problems);
const qs = process.argv.slice(2);
for (const q of qs) {
  const a = engine.answer(q, { limit: 3 });
  console.log('##', q);
  for (const h of a.results) console.log('  ', h.articleId.slice(0, 30), '¶' + h.paragraph, h.score, h.excerpt.slice(0, 150).replace(/\n/g, ' '));
  if (!a.results.length) console.log('   none; suggest', a.suggestions);
}
