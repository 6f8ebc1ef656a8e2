import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./styles.css";
import { App } from "./app/App.js";
import { language } from "./i18n.js";

document.documentElement.lang = language;
const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
