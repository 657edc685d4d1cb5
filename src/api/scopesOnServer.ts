// One server's scope instances, as every caller needs them: the listing filtered by the server's ref (quoted, as
// real clients send it), then kept only for that server, because Micetro's filter may match partially
// (`DHCPServers/1` also matching `DHCPServers/10`) and must never pull in another server's scopes.
import type { MicetroApi } from './micetroApi';
import type { DHCPScope } from './types';

export async function scopesOnServer(client: Pick<MicetroApi, 'getDHCPScopes'>, serverRef: string): Promise<DHCPScope[]> {
  const listed = await client.getDHCPScopes({ filter: `dhcpServerRef="${serverRef}"` });
  return listed.filter((scope) => scope.dhcpServerRef === serverRef);
}
