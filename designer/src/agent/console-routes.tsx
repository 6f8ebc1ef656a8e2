import type { ReactNode } from "react";
import { ChannelsPage } from "../admin/ChannelsPage.js";
import { QueuesPage } from "../admin/QueuesPage.js";
import { TeamPage } from "../admin/TeamPage.js";
import type { User } from "../api.js";
import { AgentConsole } from "./AgentConsole.js";
import { CustomerPage } from "./CustomerPage.js";
import { ReportPage } from "./ReportPage.js";
import { rpw } from "./report-words.js";
import { SearchPage } from "./SearchPage.js";
import { SupervisionPage } from "./SupervisionPage.js";
import { sw } from "./search-words.js";
import { w } from "./words.js";

/**
 * The pages beside the flow editor: `#/agent[/<conversation id>]`, `#/search`, `#/customer/<conversation id>`, `#/supervision`, `#/admin/team`,
 * `#/admin/queues`, `#/admin/channels`. Agents and supervisors never get the editor; undefined leaves the hash to it.
 */
export function consolePage(hash: string, user: User): ReactNode | undefined {
  const agent = /^#\/agent(?:\/([0-9a-f-]{36}))?$/.exec(hash);
  const supervises = user.role === "supervisor" || user.role === "admin";
  if (supervises && hash === "#/supervision") return <SupervisionPage />;
  if (supervises && hash === "#/reports") return <ReportPage />;
  if (hash === "#/search") return <SearchPage />;
  const customer = /^#\/customer\/([0-9a-f-]{36})$/.exec(hash);
  if (customer?.[1]) return <CustomerPage key={customer[1]} conversationId={customer[1]} />;
  if (agent || user.role === "agent" || user.role === "supervisor") {
    return <AgentConsole me={user} conversationId={agent?.[1]} />;
  }
  if (user.role === "admin" && hash === "#/admin/team") return <TeamPage />;
  if (user.role === "admin" && hash === "#/admin/queues") return <QueuesPage />;
  if (user.role === "admin" && hash === "#/admin/channels") return <ChannelsPage />;
  return undefined;
}

/** The top bar's links to the pages this user may open. */
export function ConsoleLinks({ user, hash }: { user: User; hash: string }) {
  const links: [string, string][] = [
    ...(user.role === "editor" || user.role === "admin" ? ([["#/", w("flowsPage")]] as [string, string][]) : []),
    ["#/agent", w("console")],
    ["#/search", sw("search")],
    ...(user.role === "supervisor" || user.role === "admin"
      ? ([
          ["#/supervision", w("supervision")],
          ["#/reports", rpw("reports")],
        ] as [string, string][])
      : []),
    ...(user.role === "admin"
      ? ([
          ["#/admin/team", w("team")],
          ["#/admin/queues", w("queues")],
          ["#/admin/channels", w("channels")],
        ] as [string, string][])
      : []),
  ];
  return (
    <nav className="console-links">
      {links.map(([href, label]) => (
        <a
          key={href}
          href={href}
          aria-current={(href === "#/agent" ? hash.startsWith("#/agent") : hash === href) ? "page" : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}
