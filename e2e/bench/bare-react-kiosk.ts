import { createElement as h, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The soak's baseline, bundled by bare-react-page.ts and run in the browser: the kiosk's session
 * path (welcome, policy, four questions, outcome, "What brings you in today?", handouts by topic,
 * a handout read, "I'm done", thank you) in React 19 alone, with plain state and the same
 * button names, so the same page object drives it click for click. No i18next, XState,
 * react-markdown or host: whatever the kiosk's heap does that this page's does not is the kiosk's.
 */

type Step = 'welcome' | 'policy' | 'screening' | 'outcome' | 'reason' | 'handouts' | 'done';
type Handout = { id: string; title: string; summary: string; topic: string; paragraphs: string[] };

const QUESTIONS = ['Do you have a fever?', 'Do you have a new cough?', 'Do you have a sore throat?', 'Do you have body aches?'];
const TOPICS = ['Fever', 'Colds and flu'];
const HANDOUTS: Handout[] = [
  {
    id: 'fever',
    title: 'Fever',
    summary: 'What a fever is and when to call.',
    topic: 'Fever',
    paragraphs: ['Rest and drink water.', 'Call if it lasts more than three days.'],
  },
  {
    id: 'fever-children',
    title: 'Fever in children',
    summary: 'Caring for a child with a fever.',
    topic: 'Fever',
    paragraphs: ['Keep them cool and give fluids.', 'Call if your baby is under three months.'],
  },
  {
    id: 'colds',
    title: 'Colds',
    summary: 'Easing a cold at home.',
    topic: 'Colds and flu',
    paragraphs: ['Rest, fluids and time.', 'Call if breathing gets hard.'],
  },
  {
    id: 'flu',
    title: 'Flu',
    summary: 'The flu and the flu shot.',
    topic: 'Colds and flu',
    paragraphs: ['A yearly shot protects you.', 'Call if you feel very sick.'],
  },
];

const button = (label: string, onClick: () => void, ariaLabel?: string) => h('button', { type: 'button', onClick, 'aria-label': ariaLabel }, label);
const screen = (name: string, title: string, ...children: ReactNode[]) => h('main', { 'data-screen': name }, h('h1', null, title), ...children);

function BareKiosk() {
  const [step, setStep] = useState<Step>('welcome');
  const [question, setQuestion] = useState(0);
  const [topic, setTopic] = useState<string | null>(null);
  const [reading, setReading] = useState<Handout | null>(null);
  const restart = () => {
    setStep('welcome');
    setQuestion(0);
    setTopic(null);
    setReading(null);
  };
  const answer = () => (question + 1 < QUESTIONS.length ? setQuestion(question + 1) : setStep('outcome'));

  switch (step) {
    case 'welcome':
      return screen(
        'welcome',
        'Welcome',
        button('Touch to start', () => setStep('policy')),
      );
    case 'policy':
      return screen(
        'policy',
        'Who is coming in?',
        button('I am the patient', () => setStep('screening')),
      );
    case 'screening':
      return screen(
        'question',
        QUESTIONS[question]!,
        h('p', { className: 'progress' }, `Question ${question + 1} of ${QUESTIONS.length}`),
        button('Yes', answer),
        button('No', answer),
      );
    case 'outcome':
      return screen(
        'come-in',
        'Please come in',
        button('Health handouts for you', () => setStep('reason')),
      );
    case 'reason':
      return screen(
        'reason',
        'What brings you in today?',
        button('Skip', () => setStep('handouts')),
      );
    case 'done':
      return screen('done', 'Thank you!', button("I'm done", restart));
    case 'handouts': {
      const shown = HANDOUTS.filter((handout) => topic === null || handout.topic === topic);
      return screen(
        'handouts',
        'Health handouts',
        button('Suggested for you', () => setTopic(null)),
        ...TOPICS.map((name) =>
          h('button', { key: name, type: 'button', onClick: () => setTopic(name) }, `${name} (${HANDOUTS.filter((x) => x.topic === name).length})`),
        ),
        h(
          'ul',
          null,
          ...shown.map((handout) =>
            h(
              'li',
              { key: handout.id },
              h('h2', null, handout.title),
              h('p', null, handout.summary),
              button('Read', () => setReading(handout), `Read: ${handout.title}`),
            ),
          ),
        ),
        reading &&
          h(
            'div',
            { role: 'dialog', 'aria-modal': true, 'aria-labelledby': 'preview-title' },
            h('h2', { id: 'preview-title' }, reading.title),
            ...reading.paragraphs.map((text) => h('p', { key: text }, text)),
            button('Close', () => setReading(null)),
          ),
        button("I'm done", () => setStep('done')),
      );
    }
  }
}

createRoot(document.getElementById('root')!).render(h(BareKiosk));
