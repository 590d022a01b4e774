/**
 * Codes no outsider can guess that every retry computes alike: an HMAC-SHA256 of what the code
 * is for, under the registry's own secret (a document property made once, 256 random bits).
 * An action that must email a code before it writes the row holding it (so that a crash
 * between the two cannot lose the email) derives the code instead of drawing it at random.
 */
const SECRET = 'registry.secret';

function registrySecret(): string {
  const props = PropertiesService.getDocumentProperties();
  const found = props.getProperty(SECRET);
  if (found) return found;
  const made = `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
  props.setProperty(SECRET, made);
  return made;
}

/** `length` hex digits derived from `seed` (the same seed gives the same code, always). */
export function derivedCode(seed: string, length = 20): string {
  const bytes = Utilities.computeHmacSha256Signature(seed, registrySecret());
  return bytes
    .map((b) => (b & 0xff).toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
}

/** A new random code of `length` hex digits (a UUID's 122 random bits, cut; 20 digits is 80 bits). */
export function randomCode(length = 20): string {
  return Utilities.getUuid().replace(/-/g, '').slice(0, length);
}

/** A new random UUID, as offers' answer tokens are written. */
export function randomUuid(): string {
  return Utilities.getUuid();
}
