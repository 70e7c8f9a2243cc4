/**
 * Demo: clears presence sessions on the embedded mock Graph and prints each user's presence before
 * and after. Clear-MgCommunicationPresence runs through the same code path as the CLI.
 *
 * Run: deno task demo
 */
import "../mocks/bc_shim.ts";
import {
  createGraphMock,
  SAMPLE_APP_A_ID,
  SAMPLE_TENANT,
  SAMPLE_USER_1_ID,
  SAMPLE_USER_2_ID,
} from "../mocks/mod.ts";
import { invokeCommand } from "../mod.ts";
import { startInProcessMock } from "../src/mock_session.ts";
import { formatErrorRecord } from "../src/runtime/error_view.ts";

const mock = createGraphMock(SAMPLE_TENANT);
const session = startInProcessMock(mock);

function presenceLine(userId: string): string {
  const presence = mock.presence.get(userId);
  const sessions = mock.presence.sessions(userId).length;
  return `${presence.availability}/${presence.activity} (${sessions} session${
    sessions === 1 ? "" : "s"
  })`;
}

// The last step clears user 2's session again: Graph returns 404, and the cmdlet writes an error record.
const users = [
  { name: "user 1", id: SAMPLE_USER_1_ID },
  { name: "user 2", id: SAMPLE_USER_2_ID },
  { name: "user 2", id: SAMPLE_USER_2_ID },
];

try {
  for (const user of users) {
    const before = presenceLine(user.id);
    const args = ["-PresenceId", user.id, "-SessionId", SAMPLE_APP_A_ID, "-PassThru"];
    console.log(`> Clear-MgCommunicationPresence ${args.join(" ")}`);
    const result = await invokeCommand("Clear-MgCommunicationPresence", args, {
      connection: session.connection,
    });
    for (const value of result.output) console.log(JSON.stringify(value));
    for (const record of result.errors) console.log(formatErrorRecord(record, "ConciseView"));
    console.log(`  ${user.name}: ${before}  ->  ${presenceLine(user.id)}\n`);
  }
} finally {
  session.stop();
}
