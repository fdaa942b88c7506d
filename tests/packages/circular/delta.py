from gamma import late
value = 2
