// "Create Ticket about This Request" from the extension's own error: a scripted RAM refusal from the emulator (403
// with HostId, Recommend and AccessDeniedDetail) is shown as a notification; the ticket about its RequestId starts
// with every fact support asks for, the environment only when the user opted in, and nothing is sent before Submit.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AliyunTicketsTestApi, calmWorkbench, emulator, onDemoTickets, setSetting, waitFor } from './harness';

describe('a ticket about a failed request (error facts)', function () {
  this.timeout(60_000);
  let api: AliyunTicketsTestApi;

  before(async () => {
    api = await onDemoTickets();
    await api.newTicket.form.receive({ type: 'discard' });
  });

  after(async () => {
    await emulator.clearFaults();
    await setSetting('newTicket.includeEnvironment', undefined);
    await api.newTicket.form.receive({ type: 'discard' });
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    await calmWorkbench();
  });

  it('prefills the RequestId, code, message, HostId, Recommend, decoded AccessDeniedDetail, action and endpoint', async () => {
    await emulator.clearRequests();
    await emulator.inject({ kind: 'forbidden', action: 'ListTickets' });
    await vscode.commands.executeCommand('aliyunTickets.explorer.refresh');
    const refused = await waitFor('the refused ListTickets', async () =>
      (await emulator.requests()).find((r) => r.action === 'ListTickets' && r.status === 403 && r.requestId),
    );
    const requestId = refused.requestId as string;
    await setSetting('newTicket.includeEnvironment', true);
    const before = (await emulator.requests()).length;
    await waitFor('the draft with the facts', async () => {
      // The notification the user sees ("Show Error" in the view, once the view has the failure); it waits for a
      // button, so it is not awaited. Its "Create Ticket about This Request" runs the command below.
      void vscode.commands.executeCommand('aliyunTickets.explorer.showError');
      await api.newTicket.form.receive({ type: 'discard' });
      await vscode.commands.executeCommand('aliyunTickets.createTicketAboutRequest', requestId);
      return (await api.newTicket.form.currentDraft()).description.includes('HostId') || undefined;
    });
    const draft = await api.newTicket.form.currentDraft();
    assert.strictEqual(draft.title, `ListTickets failed with No permissions (RequestId ${requestId})`);
    for (const expected of [
      `Alibaba Cloud RequestId: ${requestId}`,
      'Error code: No permissions (HTTP 403)',
      'HostId: workorder.aliyuncs.com',
      `Diagnosis: https://api.aliyun.com/troubleshoot?q=No%20permissions&product=Workorder&requestId=${requestId}`,
      'API action: ListTickets',
      `Endpoint: ${new URL(process.env.TICKETS_TEST_EMULATOR_URL ?? '').origin}`,
      'Denied action: ram:ListTickets',
      'Principal: SubUser 2146216584788xxxxx (account 1135850448xxxxx)',
      'Policy type: AccountLevelIdentityBasedPolicy',
      'Why: ImplicitDeny',
      'Kind of problem (guessed): Access permissions (RAM)',
      `VS Code: ${vscode.version}`,
    ]) {
      assert.ok(draft.description.includes(expected), `the draft says "${expected}":\n${draft.description}`);
    }
    const sent = (await emulator.requests()).slice(before).filter((r) => r.action === 'CreateTicket');
    assert.deepStrictEqual(sent, [], 'nothing is sent before Submit');

    await api.newTicket.form.receive({ type: 'discard' });
    await setSetting('newTicket.includeEnvironment', false);
    await vscode.commands.executeCommand('aliyunTickets.createTicketAboutRequest', requestId);
    const withoutEnvironment = (await api.newTicket.form.currentDraft()).description;
    assert.ok(withoutEnvironment.includes('HostId: workorder.aliyuncs.com'));
    assert.ok(!withoutEnvironment.includes('Operating system'), 'no environment unless the user opted in');
  });

  it('reads the facts written around a RequestId in a file (an aliyun CLI error in a log)', async () => {
    await api.newTicket.form.receive({ type: 'discard' });
    const rid = 'A1B2C3D4-0000-4E5F-8A9B-0123456789AB';
    const doc = await vscode.workspace.openTextDocument({
      content: [
        'ERROR: SDK.ServerError',
        'ErrorCode: Forbidden.RAM',
        'Recommend: https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Ecs',
        `RequestId: ${rid}`,
        'Message: User not authorized to operate on the specified resource.',
      ].join('\n'),
      language: 'log',
    });
    await vscode.commands.executeCommand('aliyunTickets.createTicketAboutRequest', {
      requestId: rid,
      uri: doc.uri.toString(),
      line: 3,
    });
    const draft = await api.newTicket.form.currentDraft();
    assert.ok(draft.description.includes('Error code: Forbidden.RAM'), draft.description);
    assert.ok(draft.description.includes('Product (guessed): Elastic Compute Service (ECS)'), draft.description);
    await api.newTicket.form.receive({ type: 'discard' });
  });
});
