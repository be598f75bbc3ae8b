import { compareText } from '../compare-text.js';
import type { TargetLevel } from '../normalize/computed/target-level.js';
import type { ServerFacts } from '../normalize/server-facts.js';

/**
 * The order in which a clustered mailbox server's nodes are updated, shared by every rule that puts
 * steps into a node's pass (the cluster procedure itself, interim-update removal and reinstall).
 *
 * One stage per kind of update. A stage updates every node except the CMS's owner ("first" nodes,
 * passive), moves the CMS onto an updated node, then updates the former owner. A service pack and a
 * rollup are two stages: the SP on every node first (the CMS upgraded with /upgradecms on the first
 * updated node), then the rollup, again passive node first. Installing the rollup on a node before
 * /upgradecms has run is not a documented sequence, so the plan never does it.
 *
 * Window orders: the SP stage uses 400–499, the rollup stage 500–589 (bands in docs/ARCHITECTURE.md),
 * each laid out by `STAGE_SLOTS` from the stage's base.
 */
export interface ClusterSchedule {
  /** Every node, sorted by name. */
  readonly nodes: readonly string[];
  /** The node owning the CMS before the window (marked active, or the first node by name). */
  readonly active: string;
  readonly activeKnown: boolean;
  readonly passives: readonly string[];
  readonly stages: readonly ClusterStage[];
  /** The node owning the CMS at the end of the window. */
  readonly finalOwner: string;
}

export interface ClusterStage {
  readonly kind: 'service-pack' | 'rollup';
  readonly base: 400 | 500;
  /** Owns the CMS when the stage starts; updated last. */
  readonly owner: string;
  /** Updated first, while the CMS stays on `owner`. */
  readonly first: readonly string[];
  /** The updated node the CMS moves to. */
  readonly handoverTo: string;
}

/** Offsets from a stage's base. */
export const STAGE_SLOTS = {
  firstMoveClusterGroup: 10,
  firstRemoveInterimUpdates: 12,
  firstUpdate: 15,
  firstReinstallInterimUpdates: 18,
  stopCms: 30,
  moveCms: 35,
  upgradeCms: 40,
  verifyCms: 45,
  verifyCopyStatus: 46,
  secondMoveClusterGroup: 50,
  secondRemoveInterimUpdates: 52,
  secondUpdate: 55,
  secondReinstallInterimUpdates: 58,
  secondVerifyCms: 65,
  secondVerifyCopyStatus: 66,
} as const;

/** Window order of the optional move back to the node that owned the CMS before the window. */
export const MOVE_BACK_ORDER = 590;

/** null when the server is not clustered, needs no update, or fewer than two nodes are known. */
export function clusterSchedule(server: ServerFacts, target: TargetLevel): ClusterSchedule | null {
  if (!server.cluster || target.upToDate) return null;
  const nodes = clusterNodeNames(server);
  if (nodes.length < 2) return null;
  const marked = server.cluster.nodes.filter((n) => n.active).map((n) => n.name).sort(compareText)[0];
  const activeKnown = marked !== undefined && nodes.includes(marked);
  // Without an active flag, assume the first node by name is active (NODE1 usually is); the cluster
  // rule says so and asks the operator to check.
  const active = activeKnown ? marked : (nodes[0] ?? '');
  const passives = nodes.filter((n) => n !== active);
  const stages: ClusterStage[] = [];
  let owner = active;
  const addStage = (kind: ClusterStage['kind'], base: ClusterStage['base']): void => {
    const first = nodes.filter((n) => n !== owner);
    // Prefer handing the CMS back to the node that owned it before the window.
    const handoverTo = first.includes(active) ? active : (first[0] ?? '');
    stages.push({ kind, base, owner, first, handoverTo });
    owner = handoverTo;
  };
  if (target.servicePackChange) addStage('service-pack', 400);
  if (target.rollupToInstall) addStage('rollup', 500);
  return { nodes, active, activeKnown, passives, stages, finalOwner: owner };
}

/**
 * Where a node's interim updates come off (before the node's first update) and where their
 * replacements go on (after its last update), as window orders.
 */
export function interimUpdateOrders(schedule: ClusterSchedule, machine: string): { readonly remove: number; readonly reinstall: number } | null {
  const node = schedule.nodes.find((n) => n.toUpperCase() === machine.toUpperCase());
  if (node === undefined) return null;
  const touches = schedule.stages.map((stage) => {
    const first = stage.first.includes(node);
    return {
      remove: stage.base + (first ? STAGE_SLOTS.firstRemoveInterimUpdates : STAGE_SLOTS.secondRemoveInterimUpdates),
      reinstall: stage.base + (first ? STAGE_SLOTS.firstReinstallInterimUpdates : STAGE_SLOTS.secondReinstallInterimUpdates),
    };
  });
  const firstTouch = touches[0];
  const lastTouch = touches[touches.length - 1];
  if (!firstTouch || !lastTouch) return null;
  return { remove: firstTouch.remove, reinstall: lastTouch.reinstall };
}

/** The CMS's nodes by name: from the cluster status, else the machines that hold its binaries. */
export function clusterNodeNames(server: ServerFacts): string[] {
  const fromCluster = server.cluster?.nodes.map((n) => n.name) ?? [];
  const names = fromCluster.length > 0 ? fromCluster : server.machines.map((m) => m.name);
  return [...new Set(names)].sort(compareText);
}

/**
 * Who owns the CMS when the window ends: the node that owned it before, since the runbook moves it back
 * there (the move back is optional; `movedBack` says the expectation rests on it, so the texts can say
 * that the two nodes' expectations swap when it is left on the other node).
 */
export function ownerAfterWindow(schedule: ClusterSchedule): { readonly owner: string; readonly movedBack: boolean } {
  return { owner: schedule.active, movedBack: schedule.finalOwner !== schedule.active };
}

/**
 * What the runbook expects of one node at the end of the window, as step data: whether it is passive
 * then (it does not own the CMS), who owns the CMS, and whether that rests on the optional move back.
 * All '' when no schedule could be laid out (fewer than two nodes known).
 */
export function nodeAfterWindow(schedule: ClusterSchedule | null, node: string): { readonly passiveNode: '' | 'yes'; readonly activeNode: string; readonly movedBack: '' | 'yes' } {
  if (!schedule) return { passiveNode: '', activeNode: '', movedBack: '' };
  const after = ownerAfterWindow(schedule);
  return { passiveNode: node.toUpperCase() === after.owner.toUpperCase() ? '' : 'yes', activeNode: after.owner, movedBack: after.movedBack ? 'yes' : '' };
}
