#!/usr/bin/env bash
# phsum.sh LOG FROM_S TO_S: mean per young pause of the main phases, in the uptime window
awk -v from=$2 -v to=$3 '
{ t=$1; gsub(/[\[\]s]/,"",t); t+=0 }
t<from || t>to { next }
/Evacuate Collection Set:/ && !/Pre|Post/ { n++; ev+=$NF+0 }
/Ext Root Scanning/ { split($0,a,"Max: "); ext+=substr(a[2],1,index(a[2],",")-1) }
/Scan Heap Roots/ { split($0,a,"Max: "); shr+=substr(a[2],1,index(a[2],",")-1) }
/Object Copy/ { split($0,a,"Max: "); oc+=substr(a[2],1,index(a[2],",")-1) }
/Merge Heap Roots:/ { mhr+=$NF+0 }
/Dirty Cards:/ { split($0,a,"Sum: "); dc+=substr(a[2],1,index(a[2],",")-1) }
/Scanned Cards:/ { split($0,a,"Sum: "); sc+=substr(a[2],1,index(a[2],",")-1) }
/Merged Cards:/ { split($0,a,"Sum: "); mc+=substr(a[2],1,index(a[2],",")-1) }
/Post Evacuate Collection Set:/ { post+=$NF+0 }
/Pre Evacuate Collection Set:/ { pre+=$NF+0 }
END { printf "young=%d evac=%.2f ext=%.2f scanHeapRoots=%.2f objCopy=%.2f merge=%.2f pre=%.2f post=%.2f dirtyCards=%d mergedCards=%d scannedCards=%d\n", n, ev/n, ext/n, shr/n, oc/n, mhr/n, pre/n, post/n, dc/n, mc/n, sc/n }' "$1"
