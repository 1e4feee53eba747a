"use client";

import { createContext, useCallback, useContext, useMemo, useState } from "react";

import { addTotals } from "@/lib/money";

/** A selectable row as the selection needs it: its id and what it adds to the totals. */
export type SelectableItem = { id: number; outstanding: number; currency: string };

type SelectionState = {
  /** The statement filter the selection belongs to; another filter starts from nothing. */
  filterKey: string;
  ids: ReadonlySet<number>;
  /** Outstanding of the selected items per currency, minor units. */
  totals: Readonly<Record<string, number>>;
  /** Set by "Select all N matching items" (every selectable item of the filter is selected). */
  allMatching: boolean;
};

type SelectionApi = {
  state: SelectionState;
  setState: React.Dispatch<React.SetStateAction<SelectionState>>;
};

const EMPTY: SelectionState = { filterKey: "", ids: new Set(), totals: {}, allMatching: false };
const SelectionContext = createContext<SelectionApi | null>(null);

/**
 * Lives in the customer file's layout, so the selection survives moving between pages and sort
 * orders of the statement (the page itself remounts on every URL change).
 */
export function SelectionProvider({ children }: { children: React.ReactNode }) {
  const [state, setState] = useState<SelectionState>(EMPTY);
  const value = useMemo(() => ({ state, setState }), [state]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

function signed(items: readonly SelectableItem[], sign: 1 | -1): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const item of items) totals[item.currency] = (totals[item.currency] ?? 0) + sign * item.outstanding;
  return totals;
}

/** The selection of one statement filter, and the ways to change it. */
export function useSelection(filterKey: string) {
  const context = useContext(SelectionContext);
  if (!context) throw new Error("useSelection needs a SelectionProvider");
  const { state, setState } = context;
  const current = state.filterKey === filterKey ? state : { ...EMPTY, filterKey };

  const update = useCallback(
    (change: (previous: SelectionState) => SelectionState) =>
      setState((previous) => change(previous.filterKey === filterKey ? previous : { ...EMPTY, filterKey })),
    [filterKey, setState],
  );

  /** Adds or removes rows; rows already in (or out of) the selection are left as they are. */
  const setItems = useCallback(
    (items: readonly SelectableItem[], selected: boolean) =>
      update((previous) => {
        const changing = items.filter((item) => previous.ids.has(item.id) !== selected);
        if (changing.length === 0) return previous;
        const ids = new Set(previous.ids);
        for (const item of changing) {
          if (selected) ids.add(item.id);
          else ids.delete(item.id);
        }
        return {
          filterKey,
          ids,
          totals: addTotals(previous.totals, signed(changing, selected ? 1 : -1)),
          allMatching: selected ? previous.allMatching : false,
        };
      }),
    [filterKey, update],
  );

  const selectAllMatching = useCallback(
    (ids: readonly number[], totals: Record<string, number>) =>
      setState({ filterKey, ids: new Set(ids), totals, allMatching: true }),
    [filterKey, setState],
  );

  const clear = useCallback(() => setState({ ...EMPTY, filterKey }), [filterKey, setState]);

  const selectedIds = useMemo(() => [...current.ids].sort((a, b) => a - b), [current.ids]);

  return { ids: current.ids, selectedIds, totals: current.totals, allMatching: current.allMatching, setItems, selectAllMatching, clear };
}
