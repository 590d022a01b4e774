/** A User as trigger events and protections hand them to scripts (e.user, getEditors()). */
import { strict } from '../strict';

export class User implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(private readonly email: string) {
    return strict('User', this);
  }
  getEmail(): string {
    return this.email;
  }
}
