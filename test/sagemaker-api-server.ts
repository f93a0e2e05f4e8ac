import * as http from 'http';
import { AddressInfo } from 'net';
import { apiMessageErrors, ApiModel, loadSageMakerModel } from './deploy-truth/api-model';

/*
 * A local SageMaker endpoint on 127.0.0.1 for the flow definition operations, which moto (PyPI `moto[server]`, 5.2.6)
 * does not implement. It speaks SageMaker's wire protocol (AWS JSON 1.1: `POST /`, `X-Amz-Target:
 * SageMaker.<Operation>`), checks every request the real SDK client serializes against the committed API model
 * (test/api-models/sagemaker.json) and answers with responses it also checks against the model, keeping the flow
 * definitions it was asked to create. A request the model rejects is answered with a ValidationException and
 * recorded in `rejected`.
 */

/**
 * Values services document that the API model does not list: the Bedrock user guide ("Create a human-based model
 * evaluation job") has `AWS/Bedrock/Evaluation` as `AwsManagedHumanLoopRequestSource`, which the model's enum lacks.
 */
const DOCUMENTED_BEYOND_MODEL = [/HumanLoopRequestSource\.AwsManagedHumanLoopRequestSource: "AWS\/Bedrock\/Evaluation" is not one of the model's values/];

/** What the model rejects in a message, but for the documented values it lacks. */
function modelErrors(model: ApiModel, operation: string, message: unknown, shape: 'input' | 'output'): string[] {
  return apiMessageErrors(model, operation, message, shape).filter((error) => !DOCUMENTED_BEYOND_MODEL.some((allowed) => allowed.test(error)));
}

/** An error the server answers a call with, as SageMaker does (`__type`, HTTP 400). */
export interface ScriptedError {
  readonly type: string;
  readonly message: string;
}

interface StoredFlowDefinition {
  readonly request: Record<string, any>;
  readonly arn: string;
  status: 'Initializing' | 'Active' | 'Failed' | 'Deleting';
  /** DescribeFlowDefinition calls left until the next status. */
  describesLeft: number;
  failureReason?: string;
}

/** One call the server received. */
export interface ReceivedCall {
  readonly operation: string;
  readonly input: Record<string, any>;
  /** The error the server answered with, if any. */
  readonly error?: string;
}

export class SageMakerApiServer {
  /** Starts a server on a free port of 127.0.0.1. */
  public static async start(): Promise<SageMakerApiServer> {
    const server = new SageMakerApiServer();
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  public readonly calls: ReceivedCall[] = [];
  /** The model's objections to requests and responses: a test expects none. */
  public readonly rejected: string[] = [];
  public readonly flowDefinitions = new Map<string, StoredFlowDefinition>();
  /** Errors the next calls of an operation get, first in first out. */
  public readonly scriptedErrors = new Map<string, ScriptedError[]>();
  /** How many DescribeFlowDefinition calls see a new flow definition `Initializing` (or a deleted one `Deleting`). */
  public describesPerStatus = 1;
  /** When set, a new flow definition ends `Failed` with this reason instead of `Active` (`''`: without a reason). */
  public failureReason?: string;
  /** The tags of each resource ARN, as CreateFlowDefinition, AddTags and DeleteTags left them. */
  public readonly tags = new Map<string, Map<string, string>>();
  /** How many tags one ListTags answer holds at most (SageMaker's page size; MaxResults may ask for fewer). */
  public tagsPageSize = 50;

  private readonly model = loadSageMakerModel();
  private readonly server = http.createServer((request, response) => this.serve(request, response));

  private constructor() {}

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public callsOf(operation: string): ReceivedCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  public failNext(operation: string, ...errors: ScriptedError[]): void {
    this.scriptedErrors.set(operation, [...(this.scriptedErrors.get(operation) ?? []), ...errors]);
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private serve(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.replace(/^SageMaker\./, '');
      let input: Record<string, any> = {};
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf-8') || '{}');
      } catch {
        return this.answer(response, operation, input, { type: 'SerializationException', message: 'the body is no JSON' });
      }
      if (request.method !== 'POST' || request.url !== '/' || !target.startsWith('SageMaker.') ||
        request.headers['content-type'] !== 'application/x-amz-json-1.1' || !String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
        this.rejected.push(`${request.method} ${request.url} ${target}: not a signed AWS JSON 1.1 SageMaker call`);
        return this.answer(response, operation, input, { type: 'UnknownOperationException', message: target });
      }
      const errors = modelErrors(this.model, operation, input, 'input');
      if (errors.length > 0) {
        this.rejected.push(...errors);
        return this.answer(response, operation, input, { type: 'ValidationException', message: errors.join('; ') });
      }
      const scripted = this.scriptedErrors.get(operation)?.shift();
      if (scripted) {
        return this.answer(response, operation, input, scripted);
      }
      const result = this.perform(operation, input);
      if ('type' in result) {
        return this.answer(response, operation, input, result as ScriptedError);
      }
      const outputErrors = modelErrors(this.model, operation, result, 'output');
      this.rejected.push(...outputErrors.map((error) => `the server's own answer: ${error}`));
      return this.answer(response, operation, input, undefined, result);
    });
  }

  private perform(operation: string, input: Record<string, any>): Record<string, unknown> | ScriptedError {
    const name = input.FlowDefinitionName as string;
    const stored = this.flowDefinitions.get(name);
    switch (operation) {
      case 'CreateFlowDefinition': {
        if (stored) {
          return { type: 'ResourceInUse', message: `Flow definition ${name} already exists` };
        }
        const arn = `arn:aws:sagemaker:us-east-1:123456789012:flow-definition/${name}`;
        this.flowDefinitions.set(name, { request: input, arn, status: 'Initializing', describesLeft: this.describesPerStatus });
        this.tags.set(arn, new Map((input.Tags ?? []).map((tag: { Key: string; Value?: string }) => [tag.Key, tag.Value ?? ''])));
        return { FlowDefinitionArn: arn };
      }
      case 'DescribeFlowDefinition': {
        if (!stored) {
          return { type: 'ResourceNotFound', message: `Could not find flow definition ${name}` };
        }
        this.advance(name, stored);
        if (!this.flowDefinitions.has(name)) {
          return { type: 'ResourceNotFound', message: `Could not find flow definition ${name}` };
        }
        const { FlowDefinitionName: _name, Tags: _tags, ...rest } = stored.request;
        return {
          FlowDefinitionArn: stored.arn,
          FlowDefinitionName: name,
          FlowDefinitionStatus: stored.status,
          CreationTime: 1_700_000_000,
          ...rest,
          ...(stored.failureReason ? { FailureReason: stored.failureReason } : {}),
        };
      }
      case 'DeleteFlowDefinition': {
        if (!stored) {
          return { type: 'ResourceNotFound', message: `Could not find flow definition ${name}` };
        }
        stored.status = 'Deleting';
        stored.describesLeft = this.describesPerStatus;
        return {};
      }
      case 'AddTags':
      case 'DeleteTags':
      case 'ListTags':
        return this.performOnTags(operation, input);
      default:
        return { type: 'UnknownOperationException', message: `${operation} is not served here` };
    }
  }

  /** The tagging calls, on the flow definitions the server holds (SageMaker answers others with a ValidationException). */
  private performOnTags(operation: string, input: Record<string, any>): Record<string, unknown> | ScriptedError {
    const tags = this.tags.get(input.ResourceArn);
    if (!tags) {
      return { type: 'ValidationException', message: `Resource ${input.ResourceArn} does not exist` };
    }
    if (operation === 'AddTags') {
      for (const tag of input.Tags as { Key: string; Value?: string }[]) {
        tags.set(tag.Key, tag.Value ?? '');
      }
      return { Tags: input.Tags };
    }
    if (operation === 'DeleteTags') {
      for (const key of input.TagKeys as string[]) {
        tags.delete(key);
      }
      return {};
    }
    const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const size = Math.min(this.tagsPageSize, input.MaxResults ?? 50);
    const page = [...tags].slice(start, start + size).map(([Key, Value]) => ({ Key, Value }));
    return { Tags: page, ...(start + size < tags.size ? { NextToken: String(start + size) } : {}) };
  }

  /** Moves a flow definition on: Initializing to Active (or Failed), Deleting to gone. */
  private advance(name: string, stored: StoredFlowDefinition): void {
    if (stored.describesLeft > 0) {
      stored.describesLeft -= 1;
      return;
    }
    if (stored.status === 'Initializing') {
      stored.status = this.failureReason !== undefined ? 'Failed' : 'Active';
      stored.failureReason = this.failureReason;
    } else if (stored.status === 'Deleting') {
      this.flowDefinitions.delete(name);
      this.tags.delete(stored.arn);
    }
  }

  private answer(response: http.ServerResponse, operation: string, input: Record<string, any>, error?: ScriptedError, output?: unknown): void {
    this.calls.push({ operation, input, error: error?.type });
    response.setHeader('content-type', 'application/x-amz-json-1.1');
    response.setHeader('x-amzn-requestid', `request-${this.calls.length}`);
    if (error) {
      response.statusCode = 400;
      response.end(JSON.stringify({ __type: error.type, Message: error.message }));
      return;
    }
    response.statusCode = 200;
    response.end(JSON.stringify(output ?? {}));
  }
}
