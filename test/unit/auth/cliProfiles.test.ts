// The sign-in list's view of ~/.aliyun/config.json: usable profiles, and every other one with the reason it cannot be
// used (never silently dropped).
import * as assert from 'assert';
import { listCliProfiles } from '../../../src/auth/accounts/cliProfiles';

const config = JSON.stringify({
  current: 'work',
  profiles: [
    { name: 'default', mode: 'AK', access_key_id: 'LTAIdefault0000001', access_key_secret: 'secret-default' },
    {
      name: 'work',
      mode: 'StsToken',
      access_key_id: 'STS.work00000000001',
      access_key_secret: 'secret-work',
      sts_token: 'token',
    },
    {
      name: 'role',
      mode: 'RamRoleArn',
      access_key_id: 'LTAIrole0000000001',
      access_key_secret: 'secret-role',
      ram_role_arn: 'acs:ram::1:role/x',
    },
    { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'x' },
    { name: 'sso', mode: 'CloudSSO' },
    { name: 'future', mode: 'SomethingNew' },
    { name: 'empty', mode: 'AK' },
    { name: 'default', mode: 'AK' },
  ],
});

describe('auth/cliProfiles listCliProfiles', () => {
  const profiles = listCliProfiles(config);
  const byName = (name: string) => profiles.find((p) => p.name === name)!;

  it("lists every profile once, the CLI's current one first", () => {
    assert.deepStrictEqual(
      profiles.map((p) => p.name),
      ['work', 'default', 'role', 'ecs', 'sso', 'future', 'empty'],
    );
    assert.strictEqual(byName('work').current, true);
  });

  it('AK and StsToken profiles with keys are usable', () => {
    assert.strictEqual(byName('default').unusable, undefined);
    assert.strictEqual(byName('work').unusable, undefined);
  });

  it('token-exchange modes are listed with the reason and what to do instead', () => {
    assert.match(byName('role').unusable!, /assumes a RAM role through STS/);
    assert.match(byName('ecs').unusable!, /ECS instance metadata/);
    assert.match(byName('sso').unusable!, /CloudSSO sign-in/);
    assert.match(byName('future').unusable!, /mode SomethingNew/);
    for (const name of ['role', 'ecs', 'sso', 'future'])
      assert.match(byName(name).unusable!, /ALIBABA_CLOUD_ACCESS_KEY_ID/);
  });

  it('a profile without keys says how to configure it; no message repeats a secret', () => {
    assert.match(byName('empty').unusable!, /aliyun configure --profile empty/);
    assert.ok(!JSON.stringify(profiles).includes('secret-'));
  });

  it('text that is not a config lists nothing', () => {
    assert.deepStrictEqual(listCliProfiles('not json'), []);
    assert.deepStrictEqual(listCliProfiles('{"profiles": 3}'), []);
  });
});
