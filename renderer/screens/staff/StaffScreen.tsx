import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';

/** What front-desk staff can do at the kiosk itself. */
export function StaffScreen({ onEndSession, onClose, contentVersion }: { onEndSession: () => void; onClose: () => void; contentVersion: string }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="staff-title" data-screen="staff">
      <div className="dialog staff">
        <h2 id="staff-title">{t('staff.title')}</h2>
        <BigButton onClick={onEndSession}>{t('staff.endSession')}</BigButton>
        <BigButton variant="secondary" onClick={onClose}>
          {t('staff.back')}
        </BigButton>
        <p className="staff-meta">{t('staff.contentVersion', { version: contentVersion })}</p>
      </div>
    </div>
  );
}
