import { AppError } from '../../shared/api/errors';
import type { AuthService } from '../core/services/auth-service';

/**
 * Whose window this is: the user of the token the page last called with, for as long as that session lasts. Events
 * meant for one user (notifications) go to the window only while that user is signed in on it.
 */
export class PageUser {
  private token: string | undefined;

  constructor(private readonly auth: Pick<AuthService, 'authorize'>) {}

  /** The page called with `token` (undefined: a call that needs no sign-in, which says nothing about who it is). */
  saw(token: string | undefined): void {
    if (token !== undefined) this.token = token;
  }

  /** A new page (navigation, reload) signs in anew. */
  reset(): void {
    this.token = undefined;
  }

  /** The signed-in user's name, or null once signed out, expired or revoked. */
  current(): string | null {
    if (!this.token) return null;
    try {
      return this.auth.authorize(this.token, 'read', 'follow events').user.user_name;
    } catch (err) {
      if (err instanceof AppError) return null;
      throw err;
    }
  }
}
