/** Absolute path of the built explorer (`npm run build -w web/explorer`); serve it under /explorer/. */
export declare const distDir: string;
