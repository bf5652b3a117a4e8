// Hooks the server wires in for index-related background work (TTL sweeper).
export interface IndexManagerHooks {
  ttlChanged(): void;
}
