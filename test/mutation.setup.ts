/*
 * Loaded by `npm run mutation` only (stryker.config.json): a property that fails has caught the mutant, so
 * fast-check stops at the first counterexample instead of shrinking it, which can take minutes per mutant.
 */
import * as fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
