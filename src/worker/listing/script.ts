// Progressive enhancement: the page works without it. "/" focuses the filter, arrows
// move focus between row links, Enter opens (natively on a link; the first match from the
// filter). Constant text: it reads names from the DOM, never from a template.
export const LISTING_SCRIPT = `(()=>{
const filter=document.getElementById("filter"),shown=document.getElementById("shown"),none=document.getElementById("none");
const rows=[...document.querySelectorAll("tbody tr")];
const names=rows.map(row=>row.cells[0].firstElementChild.textContent.toLowerCase());
const apply=()=>{const query=filter.value.toLowerCase();let count=0;
rows.forEach((row,index)=>{row.hidden=query!==""&&(row.classList.contains("up")||!names[index].includes(query));if(!row.hidden)count++});
shown.textContent=query?count+" shown":"";none.hidden=!query||count>0};
const links=()=>rows.filter(row=>!row.hidden).map(row=>row.querySelector("a")).filter(Boolean);
const move=step=>{const list=links(),next=list.indexOf(document.activeElement)+step;
if(next<0)filter.focus();else list[Math.min(next,list.length-1)]?.focus()};
filter.hidden=false;filter.addEventListener("input",apply);if(filter.value)apply();
document.addEventListener("keydown",event=>{if(event.altKey||event.ctrlKey||event.metaKey)return;
const inFilter=document.activeElement===filter;
if(event.key==="/"&&!inFilter){event.preventDefault();filter.focus();filter.select()}
else if(event.key==="ArrowDown"||event.key==="ArrowUp"){event.preventDefault();move(event.key==="ArrowDown"?1:-1)}
else if(event.key==="Enter"&&inFilter&&filter.value){links()[0]?.click()}
else if(event.key==="Escape"&&inFilter){filter.value="";apply();filter.blur()}});
})();`;
