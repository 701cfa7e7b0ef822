// What the extension declares about Restricted Mode and virtual workspaces, and the facts that make the declaration
// true: no workspace can set the settings that decide where requests go and how ticket ids are found in documents.
import * as assert from 'assert';
import { resolvedManifest } from '../manifest';

/** Settings a hostile workspace must not set: the endpoint (where signed requests go), how they are signed, and the id pattern. */
const USER_ONLY_SETTINGS = ['aliyunTickets.endpoint', 'aliyunTickets.signatureVersion', 'aliyunTickets.idPattern'];

describe('manifest: workspace trust and virtual workspaces', () => {
  for (const language of [undefined, 'zh-cn']) {
    it(`declares both capabilities with a description (${language ?? 'en'})`, () => {
      const capabilities = resolvedManifest(language).capabilities;
      assert.ok(capabilities, 'package.json declares capabilities');
      for (const name of ['untrustedWorkspaces', 'virtualWorkspaces']) {
        const capability = capabilities[name];
        assert.strictEqual(capability?.supported, true, `${name}: reading your tickets trusts no workspace content`);
        assert.ok(typeof capability.description === 'string' && capability.description.length > 40, `${name} says why`);
      }
      if (language) assert.match(capabilities.untrustedWorkspaces.description, /受限模式/);
    });
  }

  it('the settings that steer requests and id detection are user settings only (application scope)', () => {
    const configuration = resolvedManifest().contributes.configuration;
    const properties = Object.assign(
      {},
      ...(Array.isArray(configuration) ? configuration : [configuration]).map(
        (section: { properties: Record<string, unknown> }) => section.properties,
      ),
    );
    for (const key of USER_ONLY_SETTINGS) {
      assert.strictEqual(properties[key]?.scope, 'application', `${key}: a workspace's settings cannot change it`);
    }
  });
});
