import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  credentialsFromEnvironment,
  parseAliyunCliConfig,
  credentialsFromAliyunCli,
  findCredentials,
  defaultAliyunConfigPath,
} from '../../../src/api/credentials';
import { TicketApiError } from '../../../src/api/errors';

const SECRET = 'CliSecretValue0123456789';
const TOKEN = 'CAISCliTokenValue+abc/def==';

function configError(fn: () => unknown): TicketApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof TicketApiError);
    assert.strictEqual(err.kind, 'config');
    assert.ok(!err.message.includes(SECRET) && !err.message.includes(TOKEN), 'no secret in the message');
    return err;
  }
  assert.fail('expected a config error');
}

const cliFile = JSON.stringify({
  current: 'work',
  profiles: [
    {
      name: 'default',
      mode: 'AK',
      access_key_id: 'LTAI5tDefault000001',
      access_key_secret: SECRET,
      region_id: 'cn-hangzhou',
    },
    { name: 'work', mode: 'StsToken', access_key_id: 'STS.Work0000001', access_key_secret: SECRET, sts_token: TOKEN },
    {
      name: 'role',
      mode: 'RamRoleArn',
      access_key_id: 'LTAI5tRole00000001',
      access_key_secret: SECRET,
      ram_role_arn: 'acs:ram::1:role/x',
    },
    { name: 'sso', mode: 'CloudSSO' },
    { name: 'empty', mode: 'AK', access_key_id: '', access_key_secret: '' },
    { name: 'stsNoToken', mode: 'StsToken', access_key_id: 'STS.x00000001', access_key_secret: SECRET },
  ],
});

describe('api/credentials', () => {
  describe('environment variables', () => {
    it('reads ALIBABA_CLOUD_ACCESS_KEY_ID / SECRET (and SECURITY_TOKEN), trimmed', () => {
      const found = credentialsFromEnvironment({
        ALIBABA_CLOUD_ACCESS_KEY_ID: ' LTAI5tEnv0000001 ',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envsecret\n',
      });
      assert.deepStrictEqual(found?.credentials, { accessKeyId: 'LTAI5tEnv0000001', accessKeySecret: 'envsecret' });
      assert.strictEqual(found?.source, 'environment variables');
      const sts = credentialsFromEnvironment({
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.Env01',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's',
        ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
      });
      assert.strictEqual(sts?.credentials.securityToken, TOKEN);
    });
    it('is undefined when nothing is set, and a clear error when half is set', () => {
      assert.strictEqual(credentialsFromEnvironment({}), undefined);
      assert.match(
        configError(() => credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tOnly' })).message,
        /ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/,
      );
      assert.match(
        configError(() => credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET })).message,
        /ALIBABA_CLOUD_ACCESS_KEY_ID is not set/,
      );
      assert.match(
        configError(() =>
          credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.x', ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET }),
        ).message,
        /ALIBABA_CLOUD_SECURITY_TOKEN/,
      );
    });
  });

  describe('aliyun CLI config', () => {
    it('uses the current profile by default (StsToken mode gives a token)', () => {
      const found = parseAliyunCliConfig(cliFile);
      assert.deepStrictEqual(found.credentials, {
        accessKeyId: 'STS.Work0000001',
        accessKeySecret: SECRET,
        securityToken: TOKEN,
      });
      assert.strictEqual(found.source, "aliyun CLI profile 'work'");
    });
    it('uses a named profile (AK mode gives no token)', () => {
      assert.deepStrictEqual(parseAliyunCliConfig(cliFile, 'default').credentials, {
        accessKeyId: 'LTAI5tDefault000001',
        accessKeySecret: SECRET,
      });
    });
    it('refuses other modes with a message saying the mode is not supported', () => {
      const err = configError(() => parseAliyunCliConfig(cliFile, 'role'));
      assert.strictEqual(err.code, 'UnsupportedCliMode');
      assert.match(err.message, /RamRoleArn, which this extension does not support/);
      assert.match(configError(() => parseAliyunCliConfig(cliFile, 'sso')).message, /CloudSSO/);
    });
    it('explains a missing profile, empty keys, a token-less StsToken profile and broken JSON', () => {
      assert.match(
        configError(() => parseAliyunCliConfig(cliFile, 'nope')).message,
        /no profile named 'nope' \(profiles: default, work/,
      );
      assert.match(configError(() => parseAliyunCliConfig(cliFile, 'empty')).message, /no AccessKey ID or Secret/);
      assert.match(configError(() => parseAliyunCliConfig(cliFile, 'stsNoToken')).message, /no sts_token/);
      assert.match(configError(() => parseAliyunCliConfig('{ not json')).message, /not valid JSON/);
      assert.match(configError(() => parseAliyunCliConfig('[]')).message, /no profile named 'default'/);
    });
  });

  describe('from files and the combined lookup', () => {
    let dir: string;
    before(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aliyun-cred-'));
      await fs.mkdir(path.join(dir, '.aliyun'));
      await fs.writeFile(defaultAliyunConfigPath(dir), cliFile);
    });
    after(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('reads the file at ~/.aliyun/config.json; a missing file is undefined', async () => {
      assert.strictEqual(defaultAliyunConfigPath('/home/u'), path.join('/home/u', '.aliyun', 'config.json'));
      const found = await credentialsFromAliyunCli(defaultAliyunConfigPath(dir), 'default');
      assert.strictEqual(found?.credentials.accessKeyId, 'LTAI5tDefault000001');
      assert.strictEqual(await credentialsFromAliyunCli(path.join(dir, 'missing.json')), undefined);
    });

    it('prefers environment variables, then ALIBABA_CLOUD_PROFILE in the CLI file, then its current profile', async () => {
      const file = defaultAliyunConfigPath(dir);
      const env = await findCredentials({
        env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEnv0000001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'e' },
        aliyunConfigPath: file,
      });
      assert.strictEqual(env?.source, 'environment variables');
      const named = await findCredentials({ env: { ALIBABA_CLOUD_PROFILE: 'default' }, aliyunConfigPath: file });
      assert.strictEqual(named?.source, "aliyun CLI profile 'default'");
      const current = await findCredentials({ env: {}, aliyunConfigPath: file });
      assert.strictEqual(current?.source, "aliyun CLI profile 'work'");
      assert.strictEqual(await findCredentials({ env: {}, aliyunConfigPath: path.join(dir, 'none.json') }), undefined);
    });
  });
});
