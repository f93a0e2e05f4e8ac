import { RESERVED_TAG_PREFIX, TAG_KEY, TAG_VALUE, TAGS, WORKFORCE_TAG_KEY, WORKFORCE_TAG_VALUE } from './rules';
import { StringRule, Validator } from './validation';

/** The rules of the keys and values of a resource type's tags. */
export interface TagRules {
  readonly key: StringRule;
  readonly value: StringRule;
}

/** The tags of a work team: the API's rules (the registry schema of AWS::SageMaker::Workteam states no pattern). */
export const WORKTEAM_TAG_RULES: TagRules = { key: TAG_KEY, value: TAG_VALUE };

/** The tags of a workforce: the API's rules, with the letters, spaces and numbers of Unicode 16.0 only. */
export const WORKFORCE_TAG_RULES: TagRules = { key: WORKFORCE_TAG_KEY, value: WORKFORCE_TAG_VALUE };

/**
 * Checks the tags a resource will carry (its own `tags` prop merged with `Tags.of(...)`) against the
 * SageMaker tag rules: at most 50, keys and values in the allowed characters, no `aws:` keys.
 *
 * @param rules the rules of keys and values, those of work teams by default
 */
export function validateTags(validator: Validator, tags: Record<string, string>, rules: TagRules = WORKTEAM_TAG_RULES): Validator {
  const entries = Object.entries(tags);
  validator.count('tags', entries, TAGS);
  for (const [key, value] of entries) {
    validator.string(`tags key ${JSON.stringify(key)}`, key, rules.key);
    validator.string(`tags[${JSON.stringify(key)}]`, value, rules.value);
    if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      validator.fail(`tags key ${JSON.stringify(key)}`, `keys starting with '${RESERVED_TAG_PREFIX}' are reserved for AWS`);
    }
  }
  return validator;
}
