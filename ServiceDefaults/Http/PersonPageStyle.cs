namespace SmartHome.ServiceDefaults;

/// <summary>
/// The one look of the pages a person sees: the assistant's app and the vendor's sign-in page (which must look like
/// the app the person came from). Inline in each page: no static files, no JavaScript build. Phone first, large
/// targets, visible keyboard focus, system colours for dark mode.
/// </summary>
public static class PersonPageStyle
{
    public const string Css = """
        :root { color-scheme: light dark; --accent: #1a5fb4; --ok: #26a269; --bad: #c01c28; --muted: #5e5c64; --line: #c0bfbc; --card: Canvas; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 1.05rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: Canvas; color: CanvasText; }
        header.bar { background: var(--accent); color: #fff; padding: .6rem 1rem; }
        header.bar .brand { font-weight: 700; font-size: 1.15rem; color: #fff; text-decoration: none; }
        header.bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .3rem; }
        header.bar .who { margin: 0; font-size: .95rem; display: flex; align-items: center; gap: .5rem; }
        header.bar button.link { background: transparent; border: 1px solid #fff; color: #fff; min-height: 2.2rem; padding: .25rem .7rem; font-size: .9rem; }
        nav.tabs { display: flex; flex-wrap: wrap; gap: .25rem; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
        nav.tabs a { padding: .45rem .7rem; border-radius: .4rem; color: inherit; text-decoration: none; }
        nav.tabs a[aria-current="page"] { background: color-mix(in srgb, var(--accent) 18%, transparent); font-weight: 600; }
        main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.45rem; margin: .3rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 0 0 .4rem; }
        .card { border: 1px solid var(--line); border-radius: .7rem; padding: 1rem; margin: 0 0 1rem; background: var(--card); }
        .muted { color: var(--muted); font-size: .92rem; }
        label { display: block; font-weight: 600; margin: .6rem 0 .25rem; }
        input[type=text], input[type=email], input[type=password], select { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid var(--line); border-radius: .45rem; background: Field; color: FieldText; }
        input[type=range] { width: 100%; min-height: 2.2rem; accent-color: var(--accent); }
        button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .6rem 1.1rem; min-height: 2.75rem; border-radius: .45rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
        button.secondary { background: transparent; color: var(--accent); }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f5c211; outline-offset: 2px; }
        .row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
        .inline { display: inline; }
        .alert { border-left: 4px solid var(--bad); background: color-mix(in srgb, var(--bad) 10%, transparent); padding: .6rem .8rem; border-radius: .3rem; margin: 0 0 1rem; }
        .note { border-left: 4px solid var(--accent); background: color-mix(in srgb, var(--accent) 10%, transparent); padding: .6rem .8rem; border-radius: .3rem; margin: 0 0 1rem; }
        .state { font-weight: 700; }
        .state.on { color: var(--ok); } .state.off { color: var(--muted); } .state.unreachable { color: var(--bad); }
        .badge { display: inline-block; padding: .1rem .5rem; border-radius: 1rem; font-size: .85rem; font-weight: 600; border: 1px solid currentColor; }
        .badge.ok { color: var(--ok); } .badge.bad { color: var(--bad); } .badge.unknown { color: var(--muted); }
        ol.chain { list-style: none; padding: 0; margin: 0; }
        ol.chain li { border: 1px solid var(--line); border-radius: .5rem; padding: .55rem .8rem; margin: 0 0 .2rem; }
        ol.chain li + li::before { content: "\2193"; display: block; margin: -.5rem 0 .1rem; color: var(--muted); }
        ol.chain li.failed { border: 2px solid var(--bad); background: color-mix(in srgb, var(--bad) 8%, transparent); }
        ol.chain li.ok .hop { color: var(--ok); }
        .hop { font-weight: 700; }
        .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        """;
}
