import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';

/*
 * Checks the AWS::SageMaker::Workteam and AWS::SageMaker::Workforce resources of a template against their
 * CloudFormation registry schemas, offline, with @aws/cloudformation-validate: the engine aws-cdk-lib runs at
 * synth ("CloudFormation Validate"), loaded from inside aws-cdk-lib so that it is the very version aws-cdk-lib
 * bundles (1.12.1 with aws-cdk-lib 2.273.0, a version the npm registry does not publish).
 *
 * Which findings count (see `countsAsSchemaViolation`): a diagnostic about a resource of one of those two types,
 * of severity FATAL, ERROR or WARN, from
 * - a rule of the engine's "Schema" category (read from the engine's rule list, not written here): the registry
 *   schema's keywords, FATAL F3002 additionalProperties, F3003 required, F3012 type, F3014/F3017/F3018/F3020/F3021/
 *   F3058 oneOf/anyOf/requiredXor/dependencies, F3030 const, F3031 pattern, F3032 minItems/maxItems,
 *   F3033 minLength/maxLength, F3034 minimum/maximum, F3037 uniqueItems, F3006 unknown resource type; and the
 *   cfn-lint counterparts E3002/E3012/E3030/E3031/E3032/E3034/E3040/E9006 and W3030 (enum, a warning);
 * - or E1150 to E1159, cfn-lint's checks of the schema's `format` keyword (security group, VPC and subnet ids),
 *   which the engine files under "Intrinsic Function".
 * Not counted: INFO findings (I9001 "create-only property", I9040 "no tags"), best practices, and template-level
 * findings (a Ref to a missing target, parameter rules), which are not about the resource's schema.
 */

/** The resource types this checker reports on. */
export const SAGEMAKER_TYPES: readonly string[] = ['AWS::SageMaker::Workteam', 'AWS::SageMaker::Workforce'];

/** The severities that count: aws-cdk-lib fails synth on FATAL and ERROR and warns on WARN. */
const COUNTED_SEVERITIES = new Set(['FATAL', 'ERROR', 'WARN']);

/** The rule category of the registry-schema checks in @aws/cloudformation-validate's rule list. */
const SCHEMA_CATEGORY = 'Schema';

/** cfn-lint's checks of the schema's `format` keyword (AWS resource ids). */
const FORMAT_RULE = /^E115\d$/;

// The parts of @aws/cloudformation-validate's API this checker uses (its types live inside aws-cdk-lib).

export interface CfnDiagnostic {
  readonly ruleId: string;
  readonly severity: 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';
  readonly message: string;
  readonly entity?: { readonly logicalId: string; readonly entityType: string; readonly resourceType?: string };
  readonly propertyPath?: string;
}

interface CfnReport {
  readonly status: 'OK' | 'ANALYSIS_INCOMPLETE' | 'ERROR';
  readonly diagnostics: CfnDiagnostic[];
}

interface CfnEngine {
  validateTemplate(template: unknown, config?: object): CfnReport;
  listRules(): { id: string; severity: string; category: string }[];
  free(): void;
}

interface CfnValidateModule {
  readonly CompositeEngine: new () => CfnEngine;
  readonly TemplateContent: new (content: string, name?: string) => unknown;
  version(): string;
}

/** The folder of the @aws/cloudformation-validate that aws-cdk-lib bundles. */
export function bundledCfnValidateDirectory(): string {
  const requireFromCdk = createRequire(require.resolve('aws-cdk-lib'));
  return path.dirname(requireFromCdk.resolve('@aws/cloudformation-validate/package.json'));
}

let cfnValidate: CfnValidateModule | undefined;

/** Required from aws-cdk-lib's folder, so that the resolution finds the copy aws-cdk-lib bundles. */
function loadCfnValidate(): CfnValidateModule {
  cfnValidate ??= createRequire(require.resolve('aws-cdk-lib'))('@aws/cloudformation-validate') as CfnValidateModule;
  return cfnValidate;
}

/** The version of @aws/cloudformation-validate in use (the one aws-cdk-lib bundles). */
export function cfnValidateVersion(): string {
  const packageJson = JSON.parse(fs.readFileSync(path.join(bundledCfnValidateDirectory(), 'package.json'), 'utf-8'));
  return packageJson.version;
}

interface SharedEngine {
  readonly engine: CfnEngine;
  readonly schemaRules: Set<string>;
}

let shared: SharedEngine | undefined;

/**
 * The engine of this test file, built on first use (building one takes seconds), reused by every validation of
 * the file, and freed after its tests. Jest runs each test file in its own module registry and sandbox (even its
 * own `process` object), so one engine per test process is, in Jest, one per test file.
 */
function sharedEngine(): SharedEngine {
  if (!shared) {
    const engine = new (loadCfnValidate().CompositeEngine)();
    const schemaRules = new Set(engine.listRules().filter((rule) => rule.category === SCHEMA_CATEGORY).map((rule) => rule.id));
    shared = { engine, schemaRules };
  }
  return shared;
}

/** Frees the engine (the next validation builds a new one). */
export function freeCfnEngine(): void {
  shared?.engine.free();
  shared = undefined;
}

if (typeof afterAll === 'function') {
  afterAll(freeCfnEngine);
}

/** The ids of the rules whose findings count, as the engine lists them. */
export function countedCfnRuleIds(): string[] {
  const { engine: current, schemaRules } = sharedEngine();
  return current
    .listRules()
    .filter((rule) => schemaRules.has(rule.id) || FORMAT_RULE.test(rule.id))
    .map((rule) => rule.id)
    .sort();
}

type TemplateResources = { Resources?: Record<string, { Type?: string }> };

function countsAsSchemaViolation(diagnostic: CfnDiagnostic, schemaRules: Set<string>, template: TemplateResources): boolean {
  if (!COUNTED_SEVERITIES.has(diagnostic.severity)) {
    return false;
  }
  if (!schemaRules.has(diagnostic.ruleId) && !FORMAT_RULE.test(diagnostic.ruleId)) {
    return false;
  }
  const logicalId = diagnostic.entity?.entityType === 'Resource' ? diagnostic.entity.logicalId : undefined;
  const resourceType = diagnostic.entity?.resourceType ?? (logicalId ? template.Resources?.[logicalId]?.Type : undefined);
  return resourceType !== undefined && SAGEMAKER_TYPES.includes(resourceType);
}

export interface CfnValidationOptions {
  /** AWS::Region while validating (the engine knows which resource types each region has). @default us-east-1 */
  readonly region?: string;
  /** AWS::AccountId while validating. @default 123456789012 */
  readonly accountId?: string;
}

/** Every diagnostic of the engine for `template`, at WARN and above (for tests of this checker). */
export function cfnDiagnostics(template: object, options: CfnValidationOptions = {}): CfnDiagnostic[] {
  const { TemplateContent } = loadCfnValidate();
  const report = sharedEngine().engine.validateTemplate(new TemplateContent(JSON.stringify(template), 'template.json'), {
    detailLevel: 'STANDARD',
    severityLevel: 'WARN',
    pseudoParameterOverrides: { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '123456789012' },
  });
  if (report.status !== 'OK') {
    const found = report.diagnostics.map((d) => `${d.ruleId} ${d.message}`).join('; ');
    throw new Error(`CloudFormation Validate could not analyze the template (${report.status}): ${found}`);
  }
  return report.diagnostics;
}

/**
 * The registry-schema violations of the AWS::SageMaker::Workteam and AWS::SageMaker::Workforce resources of
 * `template` (a template object, synthesized or written by hand): `[]` when there are none.
 */
export function validateAgainstCfnSchema(template: object, options: CfnValidationOptions = {}): string[] {
  const { schemaRules } = sharedEngine();
  return cfnDiagnostics(template, options)
    .filter((diagnostic) => countsAsSchemaViolation(diagnostic, schemaRules, template))
    .map((d) => `${d.entity?.logicalId} (${d.entity?.resourceType}) ${d.propertyPath ?? ''}: [${d.ruleId} ${d.severity}] ${d.message}`);
}
