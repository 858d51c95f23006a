// Sends a file to a chat conversation through the portal's hub (/hubs/chat), as docs/mobile-clients.md describes.
//   node send-attachment.mjs <portal URL> <Cookie header> <conversation id> <file> <json|messagepack> [client message id]
// The Cookie header carries the sign-in cookie ("ihec.auth=…"). Prints the hub's answer as JSON; exits 1 on an error.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const chunkSize = 32 * 1024; // ChatHub.MaxChunkBytes

const [portal, cookie, conversationId, path, protocol, clientMessageId = crypto.randomUUID().replaceAll("-", "")] =
  process.argv.slice(2);
if (!path || !["json", "messagepack"].includes(protocol)) {
  console.error("usage: node send-attachment.mjs <portal URL> <Cookie header> <conversation id> <file> <json|messagepack> [client message id]");
  process.exit(2);
}

// In a browser the cookie is sent by itself (leave out headers); Node sends it as a header.
const builder = new signalR.HubConnectionBuilder()
  .withUrl(new URL("/hubs/chat", portal).href, { headers: { Cookie: cookie } })
  .configureLogging(signalR.LogLevel.Warning);
const asBase64 = protocol === "json"; // JSON: base64 string chunks; MessagePack: raw bytes (Uint8Array)
const connection = asBase64 ? builder.build() : builder.withHubProtocol(new MessagePackHubProtocol()).build();

const bytes = new Uint8Array(await readFile(path));
await connection.start();
try {
  const subject = new signalR.Subject();
  const answer = connection.invoke("SendAttachment", conversationId, clientMessageId, basename(path), null, subject);
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    const chunk = bytes.subarray(offset, offset + chunkSize);
    subject.next(asBase64 ? btoa(String.fromCharCode(...chunk)) : chunk);
  }
  subject.complete();
  // JSON answers in camelCase (value, error, errorText); MessagePack keeps the server's names (Value, Error, ErrorText).
  const result = await answer;
  console.log(JSON.stringify(result));
  process.exitCode = (result.error ?? result.Error) == null ? 0 : 1;
} finally {
  await connection.stop();
}
