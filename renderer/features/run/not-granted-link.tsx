import { href } from '../../app/hash-route';
import { applyPermissionRoute } from './run-access';

/** In the target picker: where to ask for a host the user may not run on. The click must not pick the (disabled) option. */
export function NotGrantedLink() {
  return (
    <a href={href(applyPermissionRoute)} onMouseDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
      Apply for permission
    </a>
  );
}
