/** Front matter fields a test sets; title and summary may be left out to test their absence. */
export interface TestFront {
  id: string;
  lang: string;
  title?: string;
  summary?: string;
  topics?: string[];
  related?: string[];
  url?: string;
  codes?: { icd10cm?: string[]; snomedct?: string[] };
}

/** For tests: the text of a handout file with these front matter fields and this body. */
export function handoutText(front: TestFront, body = 'Rest, drink water, and call the clinic if you feel worse.'): string {
  return [
    '---',
    `id: ${front.id}`,
    `lang: ${front.lang}`,
    ...(front.title === undefined ? [] : [`title: ${front.title}`]),
    ...(front.summary === undefined ? [] : [`summary: ${front.summary}`]),
    `topics: [${(front.topics ?? ['colds']).join(', ')}]`,
    `related: [${(front.related ?? []).join(', ')}]`,
    'credits:',
    '  author: Test author',
    'currentAsOf: 2026-11-15',
    'review: sample',
    'warning:',
    '  title: Call the clinic if',
    '  body: You have trouble breathing or feel much worse.',
    ...(front.url === undefined ? [] : [`url: ${front.url}`]),
    ...(front.codes === undefined
      ? []
      : ['codes:', ...Object.entries(front.codes).map(([system, codes]) => `  ${system}: [${codes.map((c) => JSON.stringify(c)).join(', ')}]`)]),
    '---',
    '',
    body,
    '',
  ].join('\n');
}
