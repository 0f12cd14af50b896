import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../http/server.js';
import { startFixtureServer, type FixtureServer } from '../testing/fixture.js';
import { mintToken } from './auth.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
let fixture: FixtureServer;
let server: RunningServer;
let jwksServer: Server;
let rsaPrivate: CryptoKey;
let jwksPrivate: CryptoKey;

beforeAll(async () => {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  rsaPrivate = rsa.privateKey;
  const jwks = await generateKeyPair('RS256', { extractable: true });
  jwksPrivate = jwks.privateKey;
  const jwk = { ...(await exportJWK(jwks.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  fixture = await startFixtureServer({
    cacheTtlMs: 0,
    auth: { hs256Secret: SECRET, rs256PublicKey: await exportSPKI(rsa.publicKey), jwksUrl },
  });
  server = fixture.server;
});

afterAll(async () => {
  await fixture?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

const token = (claims: Record<string, unknown>, seconds = 600): Promise<string> =>
  mintToken(SECRET, claims, seconds);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in assertions
type Answer = Record<string, any>;

async function query(body: unknown, bearer?: string): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${server.url}/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const HEADCOUNT = { v: 1, from: 'students', measures: ['students.headcount'] };

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('bearer tokens', () => {
  it('accepts a valid HS256 token and reads with its role', async () => {
    const { status, body } = await query(HEADCOUNT, await token({ role: 'admin', sub: 'A1' }));
    expect(status).toBe(200);
    expect(body.data).toEqual([[36]]);
  });

  it('refuses an expired token with 401, not as public', async () => {
    const { status, body } = await query(HEADCOUNT, await token({ role: 'admin' }, -120));
    expect(status).toBe(401);
    expect(body.errors[0].code).toBe('unauthorized');
    expect(body.errors[0].message).toMatch(/expired/);
    expect(body.data).toBeUndefined();
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await mintToken('another-secret-that-is-also-long-enough-xyz', { role: 'admin' });
    expect((await query(HEADCOUNT, forged)).status).toBe(401);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await token({ role: 'student', sub: 'S0001' })).split('.');
    const altered = `${header}.${b64({ role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
    expect((await query(HEADCOUNT, altered)).status).toBe(401);
  });

  it("refuses alg 'none'", async () => {
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    const { status, body } = await query(HEADCOUNT, none);
    expect(status).toBe(401);
    expect(body.errors[0].message).toMatch(/none/);
  });

  it('refuses a token without exp', async () => {
    const noExp = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    expect((await query(HEADCOUNT, noExp)).status).toBe(401);
  });

  it('refuses a token without a role', async () => {
    expect((await query(HEADCOUNT, await token({ sub: 'x' }))).status).toBe(401);
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(`${server.url}/v1/meta`, {
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(response.status).toBe(401);
  });

  it('accepts RS256 tokens signed by the configured key', async () => {
    const rs = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime('5m')
      .sign(rsaPrivate);
    expect((await query(HEADCOUNT, rs)).status).toBe(200);
  });

  it('accepts RS256 tokens whose key comes from the JWKS URL', async () => {
    const rs = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setExpirationTime('5m')
      .sign(jwksPrivate);
    expect((await query(HEADCOUNT, rs)).status).toBe(200);
  });

  it('refuses an HS256 token signed with the RS256 public key (algorithm confusion)', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const confused = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem));
    expect((await query(HEADCOUNT, confused)).status).toBe(401);
  });

  it('answers 404 for /dev/token when not started with --dev', async () => {
    const response = await fetch(`${server.url}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"role":"admin"}',
    });
    expect(response.status).toBe(404);
  });
});

describe('row-level security: role × view', () => {
  const byCollege = {
    v: 1,
    from: 'students',
    measures: ['students.headcount'],
    dimensions: [{ member: 'students.college' }],
  };

  async function direct(sql: string): Promise<unknown[][]> {
    return (await server.engine.query(sql)).columns.map((c) =>
      c.map((v) => (typeof v === 'bigint' ? Number(v) : v)),
    );
  }

  it('admin reads every row', async () => {
    const { body } = await query(byCollege, await token({ role: 'admin' }));
    const expected = await direct(
      'SELECT college, count(DISTINCT student_id)::INTEGER FROM students GROUP BY 1 ORDER BY 1',
    );
    expect(body.data).toEqual(expected);
  });

  it('a dean reads only the own college, whatever the query asks', async () => {
    const dean = await token({ role: 'dean', college: '医学院' });
    const { body } = await query(byCollege, dean);
    expect(body.data[0]).toEqual(['医学院']);
    const other = await query(
      { ...byCollege, filters: { member: 'students.college', operator: 'equals', values: ['工学院'] } },
      dean,
    );
    expect(other.body.rowCount).toBe(0);
    const or = await query(
      {
        ...byCollege,
        filters: {
          or: [
            { member: 'students.college', operator: 'isNotNull' },
            { member: 'students.college', operator: 'isNull' },
          ],
        },
      },
      dean,
    );
    expect(or.body.data[0]).toEqual(['医学院']);
  });

  it('a student reads only the own row', async () => {
    const student = await token({ role: 'student', sub: 'S0003' });
    const { body } = await query(
      {
        v: 1,
        from: 'students',
        measures: ['students.headcount'],
        dimensions: [{ member: 'students.student_name' }],
      },
      student,
    );
    const [[name]] = (await direct("SELECT name FROM students WHERE student_id = 'S0003'")) as [[string]];
    expect(body.data).toEqual([[name], [1]]);
  });

  it('a student token with an injection in its claim binds it as a value', async () => {
    const student = await token({ role: 'student', sub: "S0003' OR '1'='1" });
    const { status, body } = await query(HEADCOUNT, student);
    expect(status).toBe(200);
    expect(body.data).toEqual([[0]]);
  });

  it('a dean token without the college claim is refused, not widened', async () => {
    const { status, body } = await query(HEADCOUNT, await token({ role: 'dean' }));
    expect(status).toBe(403);
    expect(body.errors[0].message).toMatch(/college/);
  });

  it('an analyst sees aggregates only for groups of at least the minimum size', async () => {
    const analyst = await token({ role: 'analyst' });
    const { body } = await query(
      {
        v: 1,
        from: 'students',
        measures: ['students.headcount'],
        dimensions: [{ member: 'students.major' }],
      },
      analyst,
    );
    const counts = body.data[1] as number[];
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3);
    const all = await direct(
      'SELECT major, count(*) FROM students GROUP BY 1 HAVING count(*) >= 3 ORDER BY 1',
    );
    expect(body.data[0]).toEqual(all[0]);
  });

  it('a role without an access rule for the view is refused with 403', async () => {
    const { status, body } = await query(HEADCOUNT, await token({ role: 'visitor' }));
    expect(status).toBe(403);
    expect(body.errors[0]).toMatchObject({ code: 'forbidden-member', path: '/from' });
  });

  it('anonymous callers read public members only, and never a non-public view', async () => {
    expect((await query(HEADCOUNT)).status).toBe(200);
    expect((await query({ v: 1, from: 'students', measures: ['students.avg_gpa'] })).status).toBe(401);
    expect((await query({ v: 1, from: 'network', measures: ['network.traffic_gb'] })).status).toBe(401);
    expect(
      (
        await query({
          v: 1,
          from: 'students',
          measures: ['students.headcount'],
          dimensions: [{ member: 'students.gender' }],
        })
      ).status,
    ).toBe(401);
  });

  it('/v1/meta lists what each role may read', async () => {
    const meta = async (bearer?: string) =>
      (await (
        await fetch(`${server.url}/v1/meta`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })
      ).json()) as { views: { name: string; dimensions: { name: string }[] }[] };
    expect((await meta()).views.map((v) => v.name)).toEqual(['students', 'loans']);
    const admin = await meta(await token({ role: 'admin' }));
    expect(admin.views.map((v) => v.name)).toEqual(['students', 'loans', 'network']);
    expect(admin.views[0]!.dimensions.map((d) => d.name)).toContain('id_number');
    const dean = await meta(await token({ role: 'dean', college: '医学院' }));
    expect(dean.views[0]!.dimensions.map((d) => d.name)).not.toContain('id_number');
  });
});

describe('masking of personal fields', () => {
  const names = {
    v: 1,
    from: 'students',
    measures: ['students.headcount'],
    dimensions: [{ member: 'students.student_name' }, { member: 'students.phone' }],
    order: [{ by: 'students.phone' }],
    limit: 2,
  };

  it('admin sees names and phone numbers in clear', async () => {
    const { body } = await query(names, await token({ role: 'admin' }));
    expect(body.data[1]).toEqual(['13800000001', '13800000002']);
    expect(body.columns[1].masked).toBeUndefined();
  });

  it('a dean sees the family name only and the phone with the middle hidden', async () => {
    const { body } = await query(names, await token({ role: 'dean', college: '工学院' }));
    expect(body.data[0]).toEqual(['张***', '张***']);
    expect(body.data[1]).toEqual(['138****0001', '138****0002']);
    expect(body.columns[0].masked).toBe(true);
  });

  it('a student sees the own name in clear but the own phone masked', async () => {
    const { body } = await query(names, await token({ role: 'student', sub: 'S0001' }));
    expect(body.data[0]).toEqual(['张同学0']);
    expect(body.data[1]).toEqual(['138****0001']);
  });

  it('a student sees the own ID number hashed, a dean may not read it at all', async () => {
    const idQuery = {
      v: 1,
      from: 'students',
      measures: ['students.headcount'],
      dimensions: [{ member: 'students.id_number' }],
    };
    const { body } = await query(idQuery, await token({ role: 'student', sub: 'S0001' }));
    expect(body.data[0][0]).toMatch(/^[0-9a-f]{12}$/);
    expect(body.data[0][0]).not.toContain('0000000000');
    expect((await query(idQuery, await token({ role: 'dean', college: '工学院' }))).status).toBe(403);
  });

  it('refuses to filter on a masked value, which would reveal it', async () => {
    const probe = { ...HEADCOUNT, filters: { member: 'students.phone', operator: 'like', values: ['138%'] } };
    const { status, body } = await query(probe, await token({ role: 'dean', college: '工学院' }));
    expect(status).toBe(403);
    expect(body.errors[0].path).toBe('/filters/member');
  });
});
