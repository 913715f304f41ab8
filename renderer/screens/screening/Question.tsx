import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import { localized } from '../../i18n';
import type { FlowScreenProps } from '../screen-props';

/** One screening question, for one person, with big Yes and No. */
export function Question({ context, send, config }: FlowScreenProps) {
  const { t } = useTranslation();
  const questions = config.screening.questions;
  const question = questions[context.questionIndex]!;
  const person = context.people[context.personIndex]!;
  const step = context.personIndex * questions.length + context.questionIndex + 1;
  // A guardian answering for the patient reads "Does the patient have...", not "Do you have...".
  const forPatient = person === 'patient' && context.party === 'patient-with-guardian';
  const text = (forPatient && question.aboutPatient) || question.text;
  return (
    <Screen
      name="question"
      title={localized(text, context.lang)}
      eyebrow={
        <>
          <span className="question-person" data-person={person} data-banner={context.people.length > 1}>
            {t(`screening.person.${person}`)}
          </span>
          <span className="progress">{t('screening.progress', { current: step, total: questions.length * context.people.length })}</span>
        </>
      }
      actions={
        <>
          <div className="yes-no">
            <BigButton variant="yes" onClick={() => send({ type: 'ANSWER', yes: true })}>
              {t('screening.yes')}
            </BigButton>
            <BigButton variant="no" onClick={() => send({ type: 'ANSWER', yes: false })}>
              {t('screening.no')}
            </BigButton>
          </div>
          <BigButton variant="quiet" onClick={() => send({ type: 'BACK' })}>
            {t('common.back')}
          </BigButton>
        </>
      }
    />
  );
}
