import { analyze } from '../src/text/analyze.js';
const a = analyze('“February was another good month,” said ISM survey chairman Norbert Ore. “While the overall rate of growth is slowing, the picture is improving. Exports and imports remain strong,” he said. Analysts had expected more.', '2005-03-01');
console.log(a.sentences.map(s=>s.text), a.people, a.quotes);
