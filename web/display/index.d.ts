/** Absolute path of the built display (`npm run build -w web/display`); serve it at /display/:facilityId. */
export declare const distDir: string;
