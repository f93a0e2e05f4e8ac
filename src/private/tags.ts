import { RESERVED_TAG_PREFIX, TAG_KEY, TAG_VALUE, TAGS } from './rules';
import { Validator } from './validation';

/**
 * Checks the tags a resource will carry (its own `tags` prop merged with `Tags.of(...)`) against the
 * SageMaker tag rules: at most 50, keys and values in the allowed characters, no `aws:` keys.
 */
export function validateTags(validator: Validator, tags: Record<string, string>): Validator {
  const entries = Object.entries(tags);
  validator.count('tags', entries, TAGS);
  for (const [key, value] of entries) {
    validator.string(`tags key ${JSON.stringify(key)}`, key, TAG_KEY);
    validator.string(`tags[${JSON.stringify(key)}]`, value, TAG_VALUE);
    if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      validator.fail(`tags key ${JSON.stringify(key)}`, `keys starting with '${RESERVED_TAG_PREFIX}' are reserved for AWS`);
    }
  }
  return validator;
}
