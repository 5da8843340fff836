import { useTranslation } from 'react-i18next';
import { href } from '../../app/hash-route';
import { applyPermissionRoute } from './run-access';

/** In the target picker: where to ask for a host the user may not run on. The click must not pick the (disabled) option. */
export function NotGrantedLink() {
  const { t } = useTranslation();
  return (
    <a href={href(applyPermissionRoute)} onMouseDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
      {t('run.confirm.apply')}
    </a>
  );
}
