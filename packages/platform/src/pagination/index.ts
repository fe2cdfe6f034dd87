export { Connection, PageInfo, type Edge, type Page } from './connection';
export { decodeCursor, encodeCursor, type SortKey, type SortValueType } from './cursor';
export { keysetPage, keysetPagesByParent, MAX_PAGE_SIZE, type PageArgs, type ParentPagesSpec } from './keyset';
