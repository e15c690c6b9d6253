// Tailwind CSS 4 through its PostCSS plugin, the setup Next.js documents.
const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
