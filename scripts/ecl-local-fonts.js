// The ECL stylesheets load their font from the Commission's CDN before the copy
// they ship. The portal runs in closed networks and fetches nothing from the
// internet, so after every npm install the CDN address is taken out: the
// browser then uses the font files served by Django.
const fs = require("fs");
const path = require("path");

const styles = path.join(__dirname, "..", "node_modules", "@ecl", "preset-ec", "dist", "styles");
const cdn = /url\(https:\/\/webtools\.europa\.eu\/[^)]*\)(\s*format\("[^"]*"\))?,\s*/g;

for (const name of fs.readdirSync(styles)) {
  if (!name.endsWith(".css")) continue;
  const file = path.join(styles, name);
  const css = fs.readFileSync(file, "utf8");
  const local = css.replace(cdn, "");
  if (local !== css) {
    fs.writeFileSync(file, local);
    console.log(`ecl-local-fonts: ${name} uses the packaged fonts only`);
  }
}
