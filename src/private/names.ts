import { createHash } from 'crypto';
import { Names } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A deterministic name for the resource `id` in `scope`, from its construct path: at most 63 ASCII
 * letters, digits and hyphens, starting and ending with a letter or digit, as SageMaker names of work
 * teams and workforces must be. It is computed before the construct exists, so that the construct's
 * physical name is a literal (which lets other environments reference it): a placeholder stands at the
 * path meanwhile.
 */
export function generateName(scope: Construct, id: string): string {
  const placeholder = new Construct(scope, id);
  const unique = Names.uniqueResourceName(placeholder, { maxLength: 63, separator: '-', allowedSpecialCharacters: '-' });
  scope.node.tryRemoveChild(placeholder.node.id);
  // The path may start with a hyphen; the hash ends the name with a letter or digit.
  return unique.replace(/^-+/, '');
}

/**
 * A deterministic lower-case name for the resource `id` in `scope`, from its construct path, followed by a digest of
 * `content`: SageMaker names of human task UIs and flow definitions allow only lower-case ASCII letters, digits and
 * hyphens. Another `content` gives another name, so a change of a create-only property deploys as a new resource
 * beside the old one (which CloudFormation then deletes) rather than failing on a name that is taken.
 *
 * @param content what the name follows; empty for a name of the path alone
 * @param maxLength the name's maximum length
 */
export function generateLowerCaseName(scope: Construct, id: string, content: string, maxLength = 63): string {
  const digest = content === '' ? '' : `-${contentDigest(content)}`;
  const fromPath = generateName(scope, id).toLowerCase().replace(/[^a-z0-9-]/g, '');
  // The path's part keeps its own hash at its end (cut from the front), so the name stays unique and ends with a
  // letter or digit.
  const room = maxLength - digest.length;
  const path = fromPath.length > room ? fromPath.slice(fromPath.length - room) : fromPath;
  return `${path.replace(/^-+/, '')}${digest}`;
}

/** The first 8 hexadecimal digits of the SHA-256 digest of `content`. */
export function contentDigest(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 8);
}
