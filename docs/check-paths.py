"""Run: python3 docs/check-paths.py. Every file path cited in README.md and docs/ must exist in the worktree.
Full paths (src/..., test/..., e2e/..., bench/..., scripts/...) are checked as they are; a bare or partial name in
backticks is checked relative to the page's domain folder, then src/, then test/ and e2e/."""
import os, re, sys, glob
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
IGNORE = {'bench/results/'}
bad = 0
files = ['README.md'] + sorted(glob.glob('docs/*.md')) + sorted(glob.glob('docs/domains/*.md'))
for f in files:
    text = open(f).read()
    for p in sorted(set(re.findall(r'\b(?:src|test|e2e|bench|scripts)/[A-Za-z0-9_./-]+', text))):
        p = p.rstrip('.,:)')
        if p in IGNORE: continue
        if not os.path.exists(p):
            print(f'{f}: MISSING {p}'); bad += 1
    # A domain page's bare names are relative to the folder it is named for (docs/domains/X.md -> src/X).
    room = 'src/' + os.path.splitext(os.path.basename(f))[0] if '/domains/' in f else None
    for n in sorted(set(re.findall(r'`([A-Za-z0-9_/-][A-Za-z0-9_./-]*\.(?:tsx?|css|gz))`', text))):
        if re.match(r'(src|test|e2e|bench|scripts)/', n): continue
        cands = []
        if room:
            cands += [os.path.join(room, n)] + glob.glob(os.path.join(room, '*', n))
        cands += [os.path.join('src', n), os.path.join('test', n), os.path.join('e2e', n), os.path.join('src/demo', n)]
        if not any(os.path.exists(c) for c in cands):
            print(f'{f}: MISSING {n}'); bad += 1
print('paths checked:', 'all present' if bad == 0 else f'{bad} missing')
sys.exit(1 if bad else 0)
