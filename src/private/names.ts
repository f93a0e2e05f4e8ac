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
