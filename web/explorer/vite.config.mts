import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The gateway serves dist/ under /explorer/ and returns dist/index.html for a
  // browser's GET /graphql, so every asset URL must be absolute under /explorer/.
  base: '/explorer/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco, its language workers and GraphiQL's prettier are large by nature.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // @graphiql/react marks modules "use no memo" for the React Compiler; the bundle needs no such hint.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use no memo"')) return;
        warn(warning);
      },
    },
  },
});
