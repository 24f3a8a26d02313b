import type { ApiClient } from '../api/client';
import type { Me, Person, SuggestionsRequest, SuggestionsResponse } from '../api/types';
import { useAsync, type AsyncState } from './useAsync';
import { useDebouncedValue } from './useDebouncedValue';

export function useMe(api: ApiClient): AsyncState<Me> {
  return useAsync((signal) => api.getMe(signal), [api]);
}

/** Directory search for the people picker: debounced, at least one non-blank character, old searches cancelled. */
export function usePeopleSearch(api: ApiClient, query: string, debounceMs: number): AsyncState<Person[]> {
  const settled = useDebouncedValue(query.trim(), debounceMs);
  return useAsync(settled === '' ? null : (signal) => api.searchPeople(settled, signal), [api, settled], { keepPreviousData: true });
}

/** Suggestions for the last submitted request; null means "not asked yet". */
export function useSuggestions(api: ApiClient, request: SuggestionsRequest | null): AsyncState<SuggestionsResponse> {
  return useAsync(request === null ? null : (signal) => api.getSuggestions(request, signal), [api, request]);
}
