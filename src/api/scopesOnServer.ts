// One server's scope instances, as every caller needs them: the listing filtered by the server's ref (quoted, as
// real clients send it), then kept only for that server, because Micetro's filter may match partially
// (`DHCPServers/1` also matching `DHCPServers/10`) and must never pull in another server's scopes.
import type { MicetroApi } from './micetroApi';
import type { DHCPScope } from './types';

/** `onPage` gets each page's scopes of that server as the page arrives (a long listing: show the first ones early). */
export async function scopesOnServer(client: Pick<MicetroApi, 'getDHCPScopes'>, serverRef: string, onPage?: (scopes: DHCPScope[]) => void): Promise<DHCPScope[]> {
  const own = (scopes: DHCPScope[]) => scopes.filter((scope) => scope.dhcpServerRef === serverRef);
  const listed = await client.getDHCPScopes({ filter: `dhcpServerRef="${serverRef}"`, onPage: onPage && ((page) => onPage(own(page))) });
  return own(listed);
}
