import { execFileSync, spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';

/*
 * A local AWS endpoint on 127.0.0.1 for the Lambda handlers' wire tests: the handler's real AWS SDK v3 client, its
 * HTTP serializer and its error parsing, against moto's server (PyPI `moto[server]`, the version pinned in
 * scripts/moto-server.sh, installed under .moto/ on first use) behind a recording proxy that keeps every request
 * as sent on the wire. Services moto does not implement are answered by the test (`answer`), and their requests
 * recorded the same way.
 *
 *   const aws = useLocalAws();   // in a test file: starts before its tests, stops after them
 *   aws.requests                  // every request, as { target: 'AWSCognitoIdentityProviderService.UpdateUserPoolClient', body }
 */

const ROOT = path.join(__dirname, '..');
const MOTO_SERVER = path.join(ROOT, '.moto', 'venv', 'bin', 'moto_server');

/** A request as the SDK sent it: the JSON protocol's `X-Amz-Target` and parsed body. */
export interface WireRequest {
  readonly target: string;
  readonly body: Record<string, any>;
}

/** A reply of the test for a service moto does not implement: an HTTP status and a JSON body. */
export interface WireReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface LocalAws {
  /** The endpoint the SDK clients use (also in AWS_ENDPOINT_URL while the tests run). */
  readonly endpoint: string;
  /** Every request since the last `reset()`, in order. */
  readonly requests: WireRequest[];
  /** The requests of one operation, such as `UpdateUserPoolClient`. */
  requestsOf(operation: string): Record<string, any>[];
  /**
   * Answers requests whose target starts with `prefix` (such as `SageMaker.`) with `reply` instead of moto.
   */
  answer(prefix: string, reply: (request: WireRequest) => WireReply): void;
  /** Forgets the recorded requests and the answers, and resets moto's state. */
  reset(): Promise<void>;
}

/** Installs moto (scripts/moto-server.sh) when its pinned version is not in .moto/ yet. */
function ensureMotoInstalled(): void {
  execFileSync('bash', [path.join(ROOT, 'scripts', 'moto-server.sh')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!fs.existsSync(MOTO_SERVER)) {
    throw new Error(`moto's server is not at ${MOTO_SERVER} after scripts/moto-server.sh`);
  }
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function request(url: string, method: string, headers: http.OutgoingHttpHeaders, body?: Buffer): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function waitUntilUp(url: string, motoProcess: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (motoProcess.exitCode !== null) {
      throw new Error(`moto_server exited with ${motoProcess.exitCode} before it answered`);
    }
    try {
      await request(`${url}/moto-api/data.json`, 'GET', {});
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`moto_server did not answer at ${url} within ${timeoutMs} ms: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Starts moto's server and the recording proxy before the tests of the calling file, points the AWS SDK at them
 * (AWS_ENDPOINT_URL, test credentials, us-east-1), and stops both after them.
 */
export function useLocalAws(): LocalAws {
  const requests: WireRequest[] = [];
  const answers: { prefix: string; reply: (request: WireRequest) => WireReply }[] = [];
  let motoProcess: ChildProcess | undefined;
  let proxy: http.Server | undefined;
  let motoUrl = '';
  const saved: Record<string, string | undefined> = {};
  const local = {
    endpoint: '',
    requests,
    requestsOf: (operation: string) => requests.filter((r) => r.target.endsWith(`.${operation}`)).map((r) => r.body),
    answer: (prefix: string, reply: (request: WireRequest) => WireReply) => {
      answers.push({ prefix, reply });
    },
    reset: async () => {
      requests.length = 0;
      answers.length = 0;
      await request(`${motoUrl}/moto-api/reset`, 'POST', {});
    },
  };

  beforeAll(async () => {
    ensureMotoInstalled();
    const motoPort = await freePort();
    motoUrl = `http://127.0.0.1:${motoPort}`;
    motoProcess = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(motoPort)], { stdio: ['ignore', 'ignore', 'pipe'] });
    motoProcess.stderr?.resume();
    await waitUntilUp(motoUrl, motoProcess, 60_000);

    proxy = http.createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const target = String(incoming.headers['x-amz-target'] ?? '');
        const recorded = { target, body: body.length > 0 ? JSON.parse(body.toString('utf-8')) : {} };
        requests.push(recorded);
        const answer = answers.find((a) => target.startsWith(a.prefix));
        if (answer) {
          const reply = answer.reply(recorded);
          outgoing.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' });
          outgoing.end(JSON.stringify(reply.body));
          return;
        }
        request(`${motoUrl}${incoming.url}`, incoming.method ?? 'POST', incoming.headers, body).then(
          (response) => {
            outgoing.writeHead(response.status, response.headers);
            outgoing.end(response.body);
          },
          (error) => {
            outgoing.writeHead(502);
            outgoing.end(String(error));
          },
        );
      });
    });
    await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
    local.endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const env = {
      AWS_ENDPOINT_URL: local.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SESSION_TOKEN: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
    };
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  }, 600_000);

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    // The SDK keeps its connections alive: close them, or the proxy never closes.
    proxy?.closeAllConnections();
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
    if (motoProcess && motoProcess.exitCode === null) {
      const exited = new Promise((resolve) => motoProcess!.once('exit', resolve));
      motoProcess.kill('SIGTERM');
      await exited;
    }
  });

  return local;
}
