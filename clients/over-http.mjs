// One SDK client against serve over Streamable HTTP: a sandbox service of its own, every tool
// called with the token (every-tool.mjs), the connection refused without the right token, and the
// service stopped as systemd stops it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEveryTool, overHttp } from './every-tool.mjs';
import { startService } from './support.mjs';

/** `sdk` is one of sdks.mjs. */
export function describeOverHttp(title, sdk) {
  describe(title, () => {
    let service;

    before(async () => {
      service = await startService();
    });

    after(async () => {
      await service?.stop();
    });

    describeEveryTool('with the token', { ...sdk, server: overHttp(() => service, sdk.StreamableHTTPClientTransport) });

    describe('without the right token', () => {
      const refusals = [
        ['no Authorization header', {}],
        ['a wrong bearer token', { Authorization: 'Bearer wrong-token-of-the-right-length' }],
      ];
      for (const [name, headers] of refusals) {
        it(`${name}: refused with 401, no connection`, async () => {
          const client = new sdk.Client({ name: 'no-token', version: '1.0.0' }, sdk.clientOptions);
          const transport = new sdk.StreamableHTTPClientTransport(new URL(service.mcpUrl), { requestInit: { headers } });
          await assert.rejects(client.connect(transport), (error) => {
            assert.equal(sdk.httpStatus(error), 401, error.stack);
            return true;
          });
          await client.close();
        });
      }
    });

    it('the service stops on SIGTERM once its requests are done', async () => {
      const { code, signal } = await service.stop();
      assert.ok(code === 143 || signal === 'SIGTERM', `exit ${code ?? signal}:\n${service.log()}`);
      assert.match(service.log(), /Stopped/);
    });
  });
}
