import * as fs from 'fs';
import { join as joinPath } from 'path';
import { javaPatternToRegExp } from './java-regex';
import { RESOURCE_TYPES } from '../../src/private/provider-protocol';
import { disabled, updateWorkteamRequestOf, WorkerAccessProperties } from '../../src/private/worker-access.handler';

/*
 * Checks the AWS::SageMaker::Workteam and AWS::SageMaker::Workforce resources of a template against the
 * SageMaker API model (botocore's `sagemaker/2017-07-24/service-2.json`, the copy committed in test/api-models/):
 * each resource's properties become the request of the API call CloudFormation makes (CreateWorkteam,
 * CreateWorkforce), and that request is walked along the model's shapes, with every constraint read from the
 * model. The SageMaker calls of the library's custom resources (UpdateWorkteam for worker access) are checked
 * the same way.
 */

/** The folder of the committed API models (scripts/update-api-models.sh writes them). */
export const API_MODELS_DIRECTORY = joinPath(__dirname, '..', 'api-models');

/** The committed SageMaker API model: botocore's `sagemaker/2017-07-24/service-2.json`, trimmed. */
export const SAGEMAKER_MODEL_FILE = joinPath(API_MODELS_DIRECTORY, 'sagemaker.json');

/** The committed Cognito user pools API model: botocore's `cognito-idp/2016-04-18/service-2.json`, trimmed. */
export const COGNITO_MODEL_FILE = joinPath(API_MODELS_DIRECTORY, 'cognito-idp.json');

/** The version of the python3-botocore package the committed models come from. */
export function apiModelsVersion(): string {
  return fs.readFileSync(joinPath(API_MODELS_DIRECTORY, 'VERSION'), 'utf-8').trim();
}

export interface ShapeRef {
  readonly shape: string;
}

/** A shape of a botocore model, with the constraints this checker reads. */
export interface Shape {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: string[];
  readonly required?: string[];
  readonly members?: Record<string, ShapeRef>;
  readonly member?: ShapeRef;
  readonly key?: ShapeRef;
  readonly value?: ShapeRef;
}

export interface ApiModel {
  readonly metadata: { readonly apiVersion: string; readonly uid?: string };
  readonly operations: Record<string, { readonly input?: ShapeRef; readonly output?: ShapeRef }>;
  readonly shapes: Record<string, Shape>;
}

const loaded = new Map<string, ApiModel>();

/** Reads a botocore model, failing when it lacks one of `operations`. */
function loadModel(file: string, service: string, operations: readonly string[]): ApiModel {
  const cached = loaded.get(file);
  if (cached) {
    return cached;
  }
  if (!fs.existsSync(file)) {
    throw new Error(`The ${service} API model is missing: no ${file}. Run scripts/update-api-models.sh to write it.`);
  }
  const model = JSON.parse(fs.readFileSync(file, 'utf-8')) as ApiModel;
  const missing = operations.filter((operation) => !model.operations?.[operation]);
  if (!model.shapes || missing.length > 0) {
    throw new Error(`${file} is not the ${service} API model the tests need: it has no ${missing.join(', ') || 'shapes'}`);
  }
  loaded.set(file, model);
  return model;
}

/** The operations of SageMaker whose requests the tests check. */
export const SAGEMAKER_OPERATIONS = [
  'CreateWorkteam', 'UpdateWorkteam', 'CreateWorkforce', 'UpdateWorkforce',
  'CreateHumanTaskUi', 'CreateFlowDefinition', 'DescribeFlowDefinition', 'DeleteFlowDefinition',
] as const;

/** The SageMaker API model: the committed copy (test/api-models/sagemaker.json), or `file`. */
export function loadSageMakerModel(file: string = SAGEMAKER_MODEL_FILE): ApiModel {
  return loadModel(file, 'SageMaker', SAGEMAKER_OPERATIONS);
}

/** The Cognito user pools API model: the committed copy (test/api-models/cognito-idp.json), or `file`. */
export function loadCognitoModel(file: string = COGNITO_MODEL_FILE): ApiModel {
  return loadModel(file, 'Cognito user pools', ['CreateUserPoolClient', 'DescribeUserPoolClient', 'UpdateUserPoolClient']);
}

/** A mapping of the properties of a CloudFormation object onto the members of an API structure. */
interface PropertyMapping {
  readonly [cfnProperty: string]: string | readonly [apiMember: string, nested: PropertyMapping];
}

const TAGS: PropertyMapping = { Key: 'Key', Value: 'Value' };

/**
 * What CloudFormation calls for each resource type, and how the resource's properties name the request's members.
 * A property not listed here keeps its name, so that the walk reports it when the model does not know it.
 */
export const API_CALLS: Record<string, { readonly operation: string; readonly properties: PropertyMapping }> = {
  'AWS::SageMaker::Workteam': {
    operation: 'CreateWorkteam',
    properties: {
      WorkteamName: 'WorkteamName',
      WorkforceName: 'WorkforceName',
      Description: 'Description',
      MemberDefinitions: [
        'MemberDefinitions',
        {
          CognitoMemberDefinition: [
            'CognitoMemberDefinition',
            { CognitoUserPool: 'UserPool', CognitoUserGroup: 'UserGroup', CognitoClientId: 'ClientId' },
          ],
          OidcMemberDefinition: ['OidcMemberDefinition', { OidcGroups: 'Groups' }],
        },
      ],
      NotificationConfiguration: ['NotificationConfiguration', { NotificationTopicArn: 'NotificationTopicArn' }],
      Tags: ['Tags', TAGS],
    },
  },
  'AWS::SageMaker::HumanTaskUi': {
    operation: 'CreateHumanTaskUi',
    properties: { HumanTaskUiName: 'HumanTaskUiName', UiTemplate: ['UiTemplate', { Content: 'Content' }], Tags: ['Tags', TAGS] },
  },
  'AWS::SageMaker::Workforce': {
    operation: 'CreateWorkforce',
    properties: {
      WorkforceName: 'WorkforceName',
      CognitoConfig: ['CognitoConfig', { UserPool: 'UserPool', ClientId: 'ClientId' }],
      OidcConfig: [
        'OidcConfig',
        {
          ClientId: 'ClientId',
          ClientSecret: 'ClientSecret',
          Issuer: 'Issuer',
          AuthorizationEndpoint: 'AuthorizationEndpoint',
          TokenEndpoint: 'TokenEndpoint',
          UserInfoEndpoint: 'UserInfoEndpoint',
          LogoutEndpoint: 'LogoutEndpoint',
          JwksUri: 'JwksUri',
          Scope: 'Scope',
          AuthenticationRequestExtraParams: 'AuthenticationRequestExtraParams',
        },
      ],
      SourceIpConfig: ['SourceIpConfig', { Cidrs: 'Cidrs' }],
      WorkforceVpcConfig: ['WorkforceVpcConfig', { VpcId: 'VpcId', SecurityGroupIds: 'SecurityGroupIds', Subnets: 'Subnets' }],
      Tags: ['Tags', TAGS],
    },
  },
};

/** A CloudFormation intrinsic function or reference (`{ Ref }`, `{ Fn::GetAtt }`, `{ Fn::Join }`, ...). */
export function isIntrinsic(value: unknown): boolean {
  if (!isPlainObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API request CloudFormation sends for a resource's properties; intrinsics stay as they are. */
export function toApiRequest(resourceType: string, properties: Record<string, unknown>): { operation: string; request: Record<string, unknown> } {
  const call = API_CALLS[resourceType];
  if (!call) {
    throw new Error(`no API call is known for ${resourceType}`);
  }
  return { operation: call.operation, request: rename(properties, call.properties) as Record<string, unknown> };
}

function rename(value: unknown, mapping: PropertyMapping): unknown {
  if (isIntrinsic(value)) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => rename(item, mapping));
  }
  if (!isPlainObject(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([property, item]) => {
      const target = mapping[property];
      if (target === undefined) {
        return [property, item];
      }
      return typeof target === 'string' ? [target, item] : [target[0], rename(item, target[1])];
    }),
  );
}

export interface ApiModelReport {
  /** Values the API would reject: each names the resource, the request member and the model's constraint. */
  readonly errors: string[];
  /** Request members the model does not know (newer than the model): reported, never failures. */
  readonly notInModel: string[];
}

/**
 * Checks every AWS::SageMaker::Workteam and AWS::SageMaker::Workforce resource of `template` against the API model,
 * and the UpdateWorkteam calls of the worker-access custom resource's handler (its Create, Update and Delete).
 */
export function apiModelReport(template: object, model: ApiModel = loadSageMakerModel()): ApiModelReport {
  const report = { errors: [] as string[], notInModel: [] as string[] };
  const resources = (template as { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> }).Resources ?? {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource?.Type?.startsWith('Custom::')) {
      checkSdkCalls(logicalId, resource.Type, resource.Properties ?? {}, model, report);
      continue;
    }
    if (!resource?.Type || !API_CALLS[resource.Type]) {
      continue;
    }
    const { operation, request } = toApiRequest(resource.Type, resource.Properties ?? {});
    checkRequest(model, `${logicalId} (${resource.Type})`, operation, request, report);
  }
  return report;
}

/** What the model's `operation` rejects in a request, as sent on the wire (`[]` when nothing). */
export function requestProblems(model: ApiModel, operation: string, request: unknown): string[] {
  const report = { errors: [] as string[], notInModel: [] as string[] };
  checkRequest(model, 'request', operation, request, report);
  return [...report.errors, ...report.notInModel.map((member) => `not in the model: ${member}`)];
}

function checkRequest(model: ApiModel, where: string, operation: string, request: unknown, report: ApiModelReport): void {
  const input = model.operations[operation]?.input;
  if (!input) {
    report.errors.push(`${where}: the model has no operation ${operation}`);
    return;
  }
  new ShapeWalker(model, `${where} ${operation}`, report).check(request, input.shape, '');
}

/**
 * The values of an API call's input (`shape: 'input'`) or output (`'output'`) that the model rejects (`[]` when none);
 * members the model does not know are rejected too.
 */
export function apiMessageErrors(model: ApiModel, operation: string, message: unknown, shape: 'input' | 'output' = 'input'): string[] {
  const report = { errors: [] as string[], notInModel: [] as string[] };
  const ref = model.operations[operation]?.[shape];
  if (!ref) {
    return [`the model has no ${shape} of ${operation}`];
  }
  new ShapeWalker(model, `${operation} ${shape}`, report).check(message, ref.shape, '');
  return [...report.errors, ...report.notInModel];
}

/** An AWS API call of a custom resource's handler. */
export interface SdkCall {
  readonly service: string;
  readonly action: string;
  readonly parameters?: Record<string, unknown>;
}

/**
 * The calls the handler of the library's worker-access custom resource makes for its properties, built by the
 * handler's own request function (worker-access.handler.ts), on Create, Update and Delete. Intrinsics stay
 * intrinsics.
 */
export function sdkCallsOf(properties: Record<string, unknown>): { phase: string; call: SdkCall }[] {
  const props = properties as unknown as WorkerAccessProperties;
  const constraints = props.IamPolicyConstraints ?? {};
  return ([['Create', constraints], ['Update', constraints], ['Delete', disabled(constraints)]] as const).map(([phase, phaseConstraints]) => ({
    phase,
    call: { service: 'SageMaker', action: 'UpdateWorkteam', parameters: { ...updateWorkteamRequestOf(props.WorkteamName, phaseConstraints) } },
  }));
}

function checkSdkCalls(logicalId: string, type: string, properties: Record<string, unknown>, model: ApiModel, report: ApiModelReport): void {
  if (type !== RESOURCE_TYPES.WORKER_ACCESS) {
    return;
  }
  for (const { phase, call } of sdkCallsOf(properties)) {
    checkRequest(model, `${logicalId} (${type} ${phase})`, call.action, call.parameters ?? {}, report);
  }
}

/** The values of SageMaker resources in `template` that the SageMaker API model rejects (`[]` when none). */
export function validateAgainstApiModel(template: object, model?: ApiModel): string[] {
  return apiModelReport(template, model).errors;
}

/** Walks a request along the model's shapes, generically: only the model says what is allowed. */
class ShapeWalker {
  constructor(
    private readonly model: ApiModel,
    private readonly where: string,
    private readonly report: { errors: string[]; notInModel: string[] },
  ) {}

  public check(value: unknown, shapeName: string, path: string): void {
    if (isIntrinsic(value)) {
      return; // known only at deployment
    }
    const shape = this.model.shapes[shapeName];
    if (!shape) {
      this.error(path, `the model has no shape ${shapeName}`);
      return;
    }
    switch (shape.type) {
      case 'structure':
        return this.structure(value, shapeName, shape, path);
      case 'list':
        return this.list(value, shapeName, shape, path);
      case 'map':
        return this.map(value, shapeName, shape, path);
      case 'string':
        return this.string(value, shapeName, shape, path);
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
        return this.number(value, shapeName, shape, path);
      case 'boolean':
        if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
          this.error(path, `${show(value)} is not a boolean (${shapeName})`);
        }
        return;
      default:
      // timestamp, blob: nothing a work team or workforce sends
    }
  }

  private error(path: string, message: string): void {
    this.report.errors.push(`${this.where}${path ? ` ${path}` : ''}: ${message}`);
  }

  private structure(value: unknown, shapeName: string, shape: Shape, path: string): void {
    if (!isPlainObject(value)) {
      this.error(path, `${show(value)} is not a structure (${shapeName})`);
      return;
    }
    const members = shape.members ?? {};
    for (const required of shape.required ?? []) {
      if (value[required] === undefined) {
        this.error(join(path, required), `is required (${shapeName}) but missing`);
      }
    }
    for (const [name, item] of Object.entries(value)) {
      const member = members[name];
      if (item === undefined) {
        continue;
      }
      if (!member) {
        this.report.notInModel.push(`${this.where} ${join(path, name)}: not in the model (${shapeName} has ${Object.keys(members).join(', ')})`);
        continue;
      }
      this.check(item, member.shape, join(path, name));
    }
  }

  private list(value: unknown, shapeName: string, shape: Shape, path: string): void {
    if (!Array.isArray(value)) {
      this.error(path, `${show(value)} is not a list (${shapeName})`);
      return;
    }
    this.count(path, value.length, shapeName, shape, 'items');
    value.forEach((item, index) => this.check(item, shape.member!.shape, `${path}[${index}]`));
  }

  private map(value: unknown, shapeName: string, shape: Shape, path: string): void {
    if (!isPlainObject(value)) {
      this.error(path, `${show(value)} is not a map (${shapeName})`);
      return;
    }
    const entries = Object.entries(value);
    this.count(path, entries.length, shapeName, shape, 'entries');
    for (const [key, item] of entries) {
      this.check(key, shape.key!.shape, `${path}{${JSON.stringify(key)}}`);
      this.check(item, shape.value!.shape, `${path}[${JSON.stringify(key)}]`);
    }
  }

  private count(path: string, count: number, shapeName: string, shape: Shape, what: string): void {
    if (shape.min !== undefined && count < shape.min) {
      this.error(path, `has ${count} ${what}; the model (${shapeName}) requires at least ${shape.min}`);
    }
    if (shape.max !== undefined && count > shape.max) {
      this.error(path, `has ${count} ${what}; the model (${shapeName}) allows at most ${shape.max}`);
    }
  }

  private string(value: unknown, shapeName: string, shape: Shape, path: string): void {
    // CloudFormation passes numbers and booleans given for a string property as their text.
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (typeof text !== 'string') {
      this.error(path, `${show(value)} is not a string (${shapeName})`);
      return;
    }
    // A request is UTF-8 JSON: a lone surrogate cannot be sent as it is.
    if (/\p{Cs}/u.test(text)) {
      this.error(path, `${show(text)} is not well-formed Unicode (a lone surrogate)`);
    }
    // The service is Java: a length is a number of UTF-16 code units.
    if (shape.min !== undefined && text.length < shape.min) {
      this.error(path, `${show(text)} has ${text.length} UTF-16 code units; the model (${shapeName}) requires at least ${shape.min}`);
    }
    if (shape.max !== undefined && text.length > shape.max) {
      this.error(path, `${show(text)} has ${text.length} UTF-16 code units; the model (${shapeName}) allows at most ${shape.max}`);
    }
    if (shape.pattern !== undefined && !javaPatternToRegExp(shape.pattern).test(text)) {
      this.error(path, `${show(text)} does not match the model's pattern (${shapeName}) ${shape.pattern}`);
    }
    if (shape.enum !== undefined && !shape.enum.includes(text)) {
      this.error(path, `${show(text)} is not one of the model's values (${shapeName}) ${shape.enum.join(', ')}`);
    }
  }

  private number(value: unknown, shapeName: string, shape: Shape, path: string): void {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || Number.isNaN(number)) {
      this.error(path, `${show(value)} is not a number (${shapeName})`);
      return;
    }
    if (shape.min !== undefined && number < shape.min) {
      this.error(path, `${number} is below the model's minimum (${shapeName}) ${shape.min}`);
    }
    if (shape.max !== undefined && number > shape.max) {
      this.error(path, `${number} is above the model's maximum (${shapeName}) ${shape.max}`);
    }
  }
}

function join(path: string, member: string): string {
  return path ? `${path}.${member}` : member;
}

function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 70)}...(${json.length} characters)` : json;
}

/**
 * The shape of a request member: `path` names members from the operation's input, with `[]` for the member of a
 * list (such as `['MemberDefinitions', '[]', 'OidcMemberDefinition', 'Groups', '[]']`), `{key}` and `{value}` for
 * the keys and values of a map.
 */
export function shapeAt(model: ApiModel, operation: string, path: readonly string[]): Shape & { readonly name: string } {
  let name = model.operations[operation]?.input?.shape;
  if (!name) {
    throw new Error(`the model has no operation ${operation}`);
  }
  for (const step of path) {
    const shape: Shape | undefined = model.shapes[name];
    const next: ShapeRef | undefined =
      step === '[]' ? shape?.member : step === '{key}' ? shape?.key : step === '{value}' ? shape?.value : shape?.members?.[step];
    if (!next) {
      throw new Error(`the model has no ${operation} ${path.join('.')} (no ${step} in ${name})`);
    }
    name = next.shape;
  }
  return { ...model.shapes[name], name };
}
